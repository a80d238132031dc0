package org.lockmc.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link Witness} as an inline SVG timeline: one vertical lane per task, time flowing
 * down one row per step (as in {@code trace.txt}), each lock hold as a solid bar in the lock's
 * colour from acquisition to release, each wait as a dashed bar from the moment the task blocked
 * until it went on (or to the end), and the deadlock cycle in {@link Markup#CYCLE} red with
 * arrows below the lanes from each waiter to the task it waits for.
 *
 * <p>Lanes are at most {@link #MAX_WIDTH} pixels wide together while each lane keeps room for
 * its text; several tasks fit a 1280 px window. Deterministic: the drawing depends only on the
 * witness and the lock order.
 */
public final class TimelineSvg {
  /** The width the lanes aim to fit in. */
  public static final int MAX_WIDTH = 1180;
  /** Longer witnesses are drawn from their last this many rows. */
  public static final int MAX_ROWS = 150;
  private static final int GUTTER = 46;
  private static final int TOP = 40;
  private static final int ROW = 20;
  private static final int REASON_LINE = 14;
  private static final int REASON_LINES = 3;
  private static final int BAR = 7;
  private static final int STRIDE = 10;
  private static final int PAD = 10;

  private final Witness w;
  private final String id;
  private final List<String> lockOrder;
  private final int lane;
  private final int[] rowTop;
  private final int bottom;
  private final Map<String, Integer> slots = new HashMap<>();
  private final Map<Witness.Hold, Integer> slotOf = new HashMap<>();

  private TimelineSvg(Witness w, List<String> lockOrder, String id) {
    this.w = w;
    this.id = id;
    this.lockOrder = lockOrder;
    int n = w.tasks().size();
    this.lane = Math.max(200, Math.min(400, (MAX_WIDTH - GUTTER) / Math.max(1, n)));
    assignSlots();
    rowTop = new int[w.rows().size() + 1];
    int y = TOP;
    for (int r = 0; r < w.rows().size(); r++) {
      rowTop[r] = y;
      y += ROW + REASON_LINE * reasonLines(w.rows().get(r)).size();
    }
    rowTop[w.rows().size()] = y;
    bottom = y;
  }

  /** A blocked row's reason, wrapped to its lane (at most {@link #REASON_LINES} lines). */
  private List<String> reasonLines(Witness.Row row) {
    if (row.kind() != Witness.Kind.BLOCKED) {
      return List.of();
    }
    int width = maxChars(textOffset(row.task())) + 1;
    List<String> lines = TraceReport.wrap("blocked: " + row.reason(), width);
    if (lines.size() <= REASON_LINES) {
      return lines;
    }
    List<String> cut = new ArrayList<>(lines.subList(0, REASON_LINES));
    cut.set(REASON_LINES - 1, Markup.fit(cut.get(REASON_LINES - 1) + " " + lines.get(REASON_LINES),
        width));
    return cut;
  }

  private int textOffset(String task) {
    return PAD + (slots.getOrDefault(task, 0) + 1) * STRIDE + 4;
  }

  /**
   * The SVG element.
   *
   * @param lockOrder lock names in the order whose colours the graph uses (names not in it get
   *     the following colours)
   * @param id a prefix unique in the page, for the arrow-head definition
   */
  public static String render(Witness w, List<String> lockOrder, String id) {
    return new TimelineSvg(lastRows(w, MAX_ROWS), lockOrder, id).draw();
  }

  /**
   * {@code w} cut to its last {@code max} rows (a livelock runs for thousands of steps; its end
   * shows the loop): holds and waits that began earlier start at the first row kept.
   */
  static Witness lastRows(Witness w, int max) {
    int cut = w.rows().size() - max;
    if (cut <= 0) {
      return w;
    }
    List<Witness.Hold> holds = new ArrayList<>();
    for (Witness.Hold h : w.holds()) {
      if (h.to() < 0 || h.to() >= cut) {
        holds.add(new Witness.Hold(h.task(), h.lock(), h.mode(), Math.max(0, h.from() - cut),
            h.to() < 0 ? -1 : h.to() - cut));
      }
    }
    List<Witness.Wait> waits = new ArrayList<>();
    for (Witness.Wait x : w.waits()) {
      if (x.to() < 0 || x.to() >= cut) {
        waits.add(new Witness.Wait(x.task(), x.op(), x.reason(), Math.max(0, x.from() - cut),
            x.to() < 0 ? -1 : x.to() - cut, x.waitsFor(), x.inCycle()));
      }
    }
    return new Witness(w.counterexample(), w.rows().subList(cut, w.rows().size()), holds, waits,
        w.dependencies(), w.lockClasses());
  }

  /** Gives each hold the leftmost bar position free over its whole interval, per task. */
  private void assignSlots() {
    Map<String, List<int[]>> busy = new HashMap<>();
    for (Witness.Hold h : w.holds()) {
      List<int[]> used = busy.computeIfAbsent(h.task(), k -> new ArrayList<>());
      int end = h.to() < 0 ? Integer.MAX_VALUE : h.to();
      int slot = 0;
      while (overlaps(used, slot, h.from(), end)) {
        slot++;
      }
      used.add(new int[] {slot, h.from(), end});
      slotOf.put(h, slot);
      slots.merge(h.task(), slot + 1, Math::max);
    }
  }

  private static boolean overlaps(List<int[]> used, int slot, int from, int to) {
    for (int[] u : used) {
      if (u[0] == slot && from < u[2] && u[1] < to) {
        return true;
      }
    }
    return false;
  }

  private String draw() {
    int n = w.tasks().size();
    List<int[]> arrows = cycleArrows();
    int height = bottom + (arrows.isEmpty() ? 12 : 24 + 20 * arrows.size());
    int width = GUTTER + n * lane + PAD;
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"timeline\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width)
        .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" role=\"img\" aria-label=\"timeline: one lane per task\">\n");
    b.append("<defs><marker id=\"").append(id).append("-arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\""
        + " markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5"
        + " L0,10 z\" fill=\"").append(Markup.CYCLE).append("\"/></marker></defs>\n");
    for (int r = 0; r < w.rows().size(); r += 2) {
      b.append("<rect class=\"stripe\" x=\"0\" y=\"").append(rowTop[r]).append("\" width=\"")
          .append(width).append("\" height=\"").append(rowTop[r + 1] - rowTop[r])
          .append("\" fill=\"#f6f8fa\"/>\n");
    }
    for (int t = 0; t < n; t++) {
      lane(b, t);
    }
    for (Witness.Hold h : w.holds()) {
      hold(b, h);
    }
    for (Witness.Wait wait : w.waits()) {
      waitBar(b, wait);
    }
    for (int r = 0; r < w.rows().size(); r++) {
      row(b, r);
    }
    for (int k = 0; k < arrows.size(); k++) {
      arrow(b, arrows.get(k)[0], arrows.get(k)[1], bottom + 20 + 20 * k);
    }
    return b.append("</svg>").toString();
  }

  private int laneX(int t) {
    return GUTTER + t * lane;
  }

  private int waitX(int t) {
    return laneX(t) + PAD + slots.getOrDefault(w.tasks().get(t), 0) * STRIDE + BAR / 2;
  }

  private int mid(int row) {
    return (rowTop[row] + Math.min(rowTop[row + 1], rowTop[row] + ROW)) / 2;
  }

  private void lane(StringBuilder b, int t) {
    String task = w.tasks().get(t);
    boolean cyc = inCycle(task);
    int x = laneX(t);
    b.append("<g class=\"lane").append(cyc ? " cycle" : "").append("\" data-task=\"")
        .append(Markup.esc(task)).append("\"><line x1=\"").append(x).append("\" y1=\"8\" x2=\"")
        .append(x).append("\" y2=\"").append(bottom).append("\" stroke=\"#d0d7de\"/>")
        .append("<text class=\"lane-title\" x=\"").append(x + PAD).append("\" y=\"26\"")
        .append(" font-weight=\"bold\"").append(cyc ? " fill=\"" + Markup.CYCLE + "\"" : "")
        .append('>').append(Markup.esc(Markup.fit(task + (cyc ? " (in the cycle)" : ""),
            maxChars(PAD))))
        .append("</text></g>\n");
  }

  private void hold(StringBuilder b, Witness.Hold h) {
    int t = w.tasks().indexOf(h.task());
    int x = laneX(t) + PAD + slotOf.get(h) * STRIDE;
    int y1 = mid(h.from()) - 4;
    int y2 = h.to() < 0 ? bottom : mid(h.to()) + 4;
    String until = h.to() < 0 ? "until the end" : "until " + stepName(h.to());
    b.append("<rect class=\"hold\" data-lock=\"").append(Markup.esc(h.lock())).append("\" x=\"")
        .append(x).append("\" y=\"").append(y1).append("\" width=\"").append(BAR)
        .append("\" height=\"").append(Math.max(8, y2 - y1)).append("\" rx=\"2\" fill=\"")
        .append(colourOf(h.lock())).append("\"><title>")
        .append(Markup.esc(h.task() + " holds " + h.label() + " from " + stepName(h.from()) + " "
            + until))
        .append("</title></rect>\n");
  }

  private void waitBar(StringBuilder b, Witness.Wait wait) {
    int t = w.tasks().indexOf(wait.task());
    int x = waitX(t);
    int y1 = mid(wait.from());
    int y2 = wait.to() < 0 ? bottom : mid(wait.to());
    boolean cyc = wait.inCycle();
    b.append("<line class=\"wait").append(cyc ? " cycle" : "").append("\" x1=\"").append(x)
        .append("\" y1=\"").append(y1).append("\" x2=\"").append(x).append("\" y2=\"")
        .append(Math.max(y1 + 8, y2)).append("\" stroke=\"").append(cyc ? Markup.CYCLE : "#8c8c8c")
        .append("\" stroke-width=\"3\" stroke-dasharray=\"5 3\"><title>")
        .append(Markup.esc(wait.task() + " waits in " + wait.op() + ": " + wait.reason()))
        .append("</title></line>\n");
  }

  private void row(StringBuilder b, int r) {
    Witness.Row row = w.rows().get(r);
    int t = w.tasks().indexOf(row.task());
    int y = mid(r) + 4;
    if (row.kind() == Witness.Kind.STEP) {
      b.append("<text class=\"step\" x=\"").append(GUTTER - 8).append("\" y=\"").append(y)
          .append("\" text-anchor=\"end\" fill=\"#57606a\">").append(row.step()).append("</text>");
    }
    int offset = textOffset(row.task());
    int x = laneX(t) + offset;
    boolean blocked = row.kind() == Witness.Kind.BLOCKED;
    String title = row.text() + (row.site() == null ? "" : " at " + row.site())
        + (blocked ? "\nblocked: " + row.reason() : "");
    b.append("<text class=\"op").append(blocked ? " blocked" : "").append("\" x=\"").append(x)
        .append("\" y=\"").append(y).append("\"><title>").append(Markup.esc(title))
        .append("</title>").append(Markup.esc(Markup.fit(row.text(), maxChars(offset))))
        .append("</text>");
    List<String> reason = reasonLines(row);
    for (int k = 0; k < reason.size(); k++) {
      b.append("<text class=\"reason\" x=\"").append(x).append("\" y=\"")
          .append(y + REASON_LINE * (k + 1)).append("\" font-size=\"11\" fill=\"")
          .append(isCycleWait(r) ? Markup.CYCLE : "#57606a").append("\">")
          .append(Markup.esc(reason.get(k))).append("</text>");
    }
    b.append('\n');
  }

  private void arrow(StringBuilder b, int from, int to, int y) {
    int x1 = waitX(from);
    int x2 = from == to ? x1 + 36 : waitX(to);
    String label = w.tasks().get(from) + (from == to ? " waits for itself"
        : " waits for " + w.tasks().get(to));
    b.append("<g class=\"cycle-arrow\"><path d=\"M").append(x1).append(',').append(bottom)
        .append(" V").append(y).append(" H").append(x2).append(" V").append(bottom + 4)
        .append("\" fill=\"none\" stroke=\"").append(Markup.CYCLE)
        .append("\" stroke-width=\"1.5\" marker-end=\"url(#").append(id)
        .append("-arrow)\"/><text x=\"")
        .append(Math.max(x1, x2) + 8).append("\" y=\"").append(y + 4).append("\" font-size=\"11\"")
        .append(" fill=\"").append(Markup.CYCLE).append("\">").append(Markup.esc(label))
        .append("</text></g>\n");
  }

  /** Waiter and waited-for task indices of every wait-for edge inside the deadlock cycle. */
  private List<int[]> cycleArrows() {
    List<int[]> out = new ArrayList<>();
    for (Witness.Wait wait : w.finalWaits()) {
      if (!wait.inCycle()) {
        continue;
      }
      for (String target : wait.waitsFor()) {
        if (inCycle(target)) {
          out.add(new int[] {w.tasks().indexOf(wait.task()), w.tasks().indexOf(target)});
        }
      }
    }
    return out;
  }

  private boolean inCycle(String task) {
    for (Witness.Wait wait : w.finalWaits()) {
      if (wait.inCycle() && wait.task().equals(task)) {
        return true;
      }
    }
    return false;
  }

  private boolean isCycleWait(int row) {
    for (Witness.Wait wait : w.waits()) {
      if (wait.from() == row) {
        return wait.inCycle();
      }
    }
    return false;
  }

  private int maxChars(int offset) {
    return Math.max(4, (int) ((lane - offset - 6) / Markup.CHAR));
  }

  private String stepName(int row) {
    Witness.Row r = w.rows().get(row);
    return r.kind() == Witness.Kind.STEP ? "step " + r.step() : "row " + (row + 1);
  }

  private String colourOf(String lock) {
    int i = lockOrder.indexOf(lock);
    if (i < 0) {
      List<String> seen = new ArrayList<>();
      for (Witness.Hold h : w.holds()) {
        if (!lockOrder.contains(h.lock()) && !seen.contains(h.lock())) {
          seen.add(h.lock());
        }
      }
      i = lockOrder.size() + seen.indexOf(lock);
    }
    return Markup.colour(i);
  }
}
