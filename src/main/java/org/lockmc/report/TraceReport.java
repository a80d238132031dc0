package org.lockmc.report;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.Finding;

/**
 * Renders {@code trace.txt}: for each counterexample of a model, a table with one column per
 * task and one row per step, the model source line of each step, a row wherever a task blocked
 * (with whom it waits for), and how every task still blocked at the end waits.
 *
 * <pre>
 *  step | A                            | B                            | at
 * ------+------------------------------+------------------------------+---------------------
 *     1 | mutex_lock(a)                |                              | AbbaDeadlock.java:23
 *     2 |                              | mutex_lock(b)                | AbbaDeadlock.java:31
 *       | mutex_lock(b)                |                              | AbbaDeadlock.java:24
 *       | [blocked: mutex b held by B] |                              |
 * </pre>
 *
 * <p>Plain ASCII apart from what the model names contain, deterministic, no colours: it is a
 * golden file. Cells wider than {@link #MAX_COLUMN} wrap onto continuation lines rather than
 * being cut, so nothing a person needs is lost.
 */
public final class TraceReport {
  /** Cells wrap at this width. */
  public static final int MAX_COLUMN = 48;
  /** A longer table (a livelock's thousands of steps) keeps this many rows at each end. */
  public static final int KEEP_ROWS = 100;

  private TraceReport() {}

  /** The whole {@code trace.txt} of a model. */
  public static String render(ModelReport report) {
    StringBuilder b = new StringBuilder(header(report));
    ExplorationResult r = report.result();
    if (report.witnesses().isEmpty()) {
      b.append('\n');
      if (r.complete()) {
        b.append("No deadlock, hang, livelock or violation in any of the ").append(r.executions())
            .append(" executions: there is no counterexample to show.\n");
      } else {
        b.append("Nothing found in the ").append(r.executions()).append(" executions explored,")
            .append(" but exploration was bounded by ").append(r.bound())
            .append(": this is not a proof.\n");
      }
    }
    for (int i = 0; i < report.witnesses().size(); i++) {
      b.append('\n').append(section(report.witnesses().get(i), report.scheduleFile(i)));
    }
    return b.toString();
  }

  /** The first lines: model, result, expectation, exploration, source. */
  static String header(ModelReport report) {
    ExplorationResult r = report.result();
    StringBuilder b = new StringBuilder();
    b.append(report.name()).append(": ").append(r.verdict()).append(r.asExpected()
        ? " (as expected)\n"
        : " (UNEXPECTED: the model expects " + SummaryJson.expected(report.model()) + ")\n");
    b.append("explored ").append(r.executions()).append(" execution")
        .append(r.executions() == 1 ? "" : "s").append(" with ")
        .append(r.config().strategy().name().toLowerCase()).append(", ")
        .append(r.complete() ? "complete" : "incomplete (bounded by " + r.bound() + ")")
        .append('\n');
    if (report.model().sourceFile() != null) {
      b.append("model: ").append(report.model().sourceFile()).append('\n');
    }
    return b.toString();
  }

  /**
   * One counterexample: its summary, where to replay it from, the table and the final waits.
   *
   * @param schedule the schedule file's name, or null to leave the replay hint out
   */
  public static String section(Witness w, String schedule) {
    StringBuilder b = new StringBuilder();
    b.append(w.finding().summary()).append('\n');
    b.append("found in execution ").append(w.counterexample().execution());
    if (schedule != null) {
      b.append("; replay: lockmc replay ").append(schedule).append(" (in this folder)");
    }
    b.append("\n\n").append(table(w));
    List<Witness.Wait> end = w.finalWaits();
    if (!end.isEmpty()) {
      boolean deadlock = w.finding() instanceof Finding.Deadlock;
      b.append('\n').append(deadlock ? "blocked at the end (* = in the deadlock cycle):\n"
          : "blocked at the end:\n");
      for (Witness.Wait wait : end) {
        b.append(wait.inCycle() ? "* " : "  ").append(wait.task()).append(": ").append(wait.op())
            .append(" -- ").append(wait.reason());
        List<String> held = heldAtEnd(w, wait.task());
        if (!held.isEmpty()) {
          b.append("; holds ").append(String.join(", ", held));
        }
        b.append('\n');
      }
    }
    return b.toString();
  }

  private static List<String> heldAtEnd(Witness w, String task) {
    List<String> held = new ArrayList<>();
    for (Witness.Hold h : w.holds()) {
      if (h.to() < 0 && h.task().equals(task)) {
        held.add(h.label());
      }
    }
    return held;
  }

  /** The table alone. */
  public static String table(Witness w) {
    List<String> tasks = w.tasks();
    int n = tasks.size();
    List<List<List<String>>> cells = new ArrayList<>();
    int[] width = new int[n];
    for (int i = 0; i < n; i++) {
      width[i] = Math.min(MAX_COLUMN, Math.max(8, tasks.get(i).length()));
    }
    int siteWidth = 2;
    for (Witness.Row row : w.rows()) {
      int c = tasks.indexOf(row.task());
      List<String> lines = new ArrayList<>(wrap(row.text(), MAX_COLUMN));
      if (row.kind() == Witness.Kind.BLOCKED) {
        lines.addAll(wrap("[blocked: " + row.reason() + "]", MAX_COLUMN));
      }
      for (String l : lines) {
        width[c] = Math.max(width[c], l.length());
      }
      List<List<String>> rowCells = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        rowCells.add(i == c ? lines : List.of());
      }
      cells.add(rowCells);
      if (row.site() != null) {
        siteWidth = Math.max(siteWidth, row.site().length());
      }
    }
    StringBuilder b = new StringBuilder();
    List<String> head = new ArrayList<>(tasks);
    b.append(line(" step", head, width, "at")).append('\n');
    b.append(rule(width, siteWidth)).append('\n');
    int rows = w.rows().size();
    for (int r = 0; r < rows; r++) {
      if (rows > 2 * KEEP_ROWS && r == KEEP_ROWS) {
        b.append("  ... | (").append(rows - 2 * KEEP_ROWS).append(" rows not shown)\n");
        r = rows - KEEP_ROWS - 1;
        continue;
      }
      Witness.Row row = w.rows().get(r);
      int height = 1;
      for (List<String> c : cells.get(r)) {
        height = Math.max(height, c.size());
      }
      for (int k = 0; k < height; k++) {
        List<String> parts = new ArrayList<>();
        for (List<String> c : cells.get(r)) {
          parts.add(k < c.size() ? c.get(k) : "");
        }
        String step = k > 0 ? "     " : row.kind() == Witness.Kind.STEP
            ? String.format("%5d", row.step()) : row.kind() == Witness.Kind.CHOICE ? "    -" : "     ";
        String site = k == 0 && row.site() != null ? row.site() : "";
        b.append(line(step, parts, width, site)).append('\n');
      }
    }
    return b.toString();
  }

  private static String line(String first, List<String> cells, int[] width, String last) {
    StringBuilder b = new StringBuilder(first);
    for (int i = 0; i < cells.size(); i++) {
      b.append(" | ").append(cells.get(i)).append(" ".repeat(width[i] - cells.get(i).length()));
    }
    b.append(" | ").append(last);
    return b.toString().stripTrailing();
  }

  private static String rule(int[] width, int siteWidth) {
    StringBuilder b = new StringBuilder("------");
    for (int w : width) {
      b.append('+').append("-".repeat(w + 2));
    }
    return b.append('+').append("-".repeat(siteWidth + 1)).toString();
  }

  /** Breaks {@code s} into lines of at most {@code w} characters, at spaces where possible. */
  static List<String> wrap(String s, int w) {
    List<String> out = new ArrayList<>();
    String rest = s;
    while (rest.length() > w) {
      int cut = rest.lastIndexOf(' ', w);
      if (cut <= 0) {
        out.add(rest.substring(0, w));
        rest = rest.substring(w);
      } else {
        out.add(rest.substring(0, cut));
        rest = rest.substring(cut + 1);
      }
    }
    out.add(rest);
    return out;
  }
}
