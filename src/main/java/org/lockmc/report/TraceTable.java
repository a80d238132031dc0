package org.lockmc.report;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.Finding;
import org.lockmc.engine.TraceEntry;

/**
 * Renders a counterexample as a table with one column per task and one row per step, followed by
 * how every blocked task waits. Plain ASCII, deterministic, no colours.
 *
 * <pre>
 *  step | udevadm                 | khugepaged
 * ------+-------------------------+-------------------------
 *     1 | kernfs_get_active(...)  |
 *     2 |                         | down_write(&amp;mm-&gt;mmap_sem)
 * </pre>
 */
public final class TraceTable {
  /** Columns wider than this are truncated with {@code ~}. */
  public static final int MAX_COLUMN = 44;
  /** Long traces keep this many rows at each end. */
  public static final int MAX_ROWS = 200;

  private TraceTable() {}

  public static String render(Counterexample cx) {
    List<String> tasks = cx.tasks();
    int[] width = new int[tasks.size()];
    for (int i = 0; i < tasks.size(); i++) {
      width[i] = Math.min(MAX_COLUMN, Math.max(8, tasks.get(i).length()));
    }
    List<TraceEntry> rows = cx.trace();
    for (TraceEntry e : rows) {
      int c = tasks.indexOf(e.task());
      width[c] = Math.min(MAX_COLUMN, Math.max(width[c], cell(e).length()));
    }
    StringBuilder b = new StringBuilder();
    b.append(row(" step", tasks, width)).append('\n');
    b.append(rule(width)).append('\n');
    int skipFrom = rows.size() > MAX_ROWS ? MAX_ROWS / 2 : Integer.MAX_VALUE;
    int skipTo = rows.size() - MAX_ROWS / 2;
    for (int r = 0; r < rows.size(); r++) {
      if (r == skipFrom) {
        b.append(String.format("  ... | (%d steps not shown)%n", skipTo - skipFrom));
        r = skipTo - 1;
        continue;
      }
      TraceEntry e = rows.get(r);
      List<String> cells = new ArrayList<>();
      for (String t : tasks) {
        cells.add(t.equals(e.task()) ? cell(e) : "");
      }
      String step = e.step() < 0 ? "    -" : String.format("%5d", e.step() + 1);
      b.append(row(step, cells, width)).append('\n');
    }
    List<Finding.Wait> waits = cx.finalWaits();
    if (!waits.isEmpty()) {
      b.append("blocked:\n");
      for (Finding.Wait w : waits) {
        b.append("  ").append(w.task()).append(": ").append(w.op()).append(" -- ")
            .append(w.reason());
        if (!w.held().isEmpty()) {
          b.append("; holds ").append(String.join(", ", w.held()));
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static String cell(TraceEntry e) {
    return e.site() == null ? e.op() : e.op() + " @" + e.site();
  }

  private static String row(String first, List<String> cells, int[] width) {
    StringBuilder b = new StringBuilder(first);
    for (int i = 0; i < cells.size(); i++) {
      b.append(" | ").append(fit(cells.get(i), width[i]));
    }
    return stripTrailing(b.toString());
  }

  private static String rule(int[] width) {
    StringBuilder b = new StringBuilder("------");
    for (int w : width) {
      b.append("+").append("-".repeat(w + 2));
    }
    return b.toString();
  }

  private static String fit(String s, int w) {
    if (s.length() > w) {
      return s.substring(0, w - 1) + "~";
    }
    return s + " ".repeat(w - s.length());
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }
}
