package org.lockmc.lockdep;

/**
 * Prints a {@link Cycle} as lockdep's "possible circular locking dependency detected" report, in
 * the modern layout of lockdep.md 1.2 ({@code print_circular_bug}): the two lock lines, the
 * dependency chain in reverse order ({@code -> #N} is the held lock, each entry with the place its
 * incoming dependency was first recorded, {@code -> #0} the lock being acquired), {@code Chain
 * exists of:} for three or more locks, the unsafe-scenario table, and the held locks. Task names
 * head the scenario's columns in place of CPU0 and CPU1.
 *
 * <p>Output is a pure function of the cycle and the graph: byte-for-byte deterministic.
 */
public final class SplatPrinter {
  static final String TITLE = "WARNING: possible circular locking dependency detected";

  private final SplatFormat format;

  public SplatPrinter(DependencyGraph graph, String model, LockdepRules rules) {
    this.format = new SplatFormat(graph, model, rules);
  }

  SplatPrinter(SplatFormat format) {
    this.format = format;
  }

  /** The report for {@code c}, ending with a newline. */
  public String print(Cycle c) {
    EdgeRecord now = c.closing().record();
    LockClass next = c.next();
    LockClass prev = c.prev();
    HeldLock held = now.heldOf(prev);
    StringBuilder b = new StringBuilder();
    format.header(b, TITLE);
    b.append(now.taskId()).append(" is trying to acquire lock:\n");
    b.append(format.lock(next, now.site())).append('\n');
    b.append("\nbut task is already holding lock:\n");
    b.append(format.lock(prev, held == null ? "?" : held.site())).append('\n');
    b.append("\nwhich lock already depends on the new lock.\n\n");
    b.append("\nthe existing dependency chain (in reverse order) is:\n");
    for (int k = c.depth(); k >= 1; k--) {
      entry(b, k, c.path().get(k), c.edges().get(k - 1).first());
    }
    entry(b, 0, next, now);
    b.append("\nother info that might help us debug this:\n\n");
    LockClass parent = c.path().get(c.depth() - 1);
    if (c.depth() >= 2) {
      b.append("Chain exists of:\n  ").append(next.displayName()).append(" --> ")
          .append(parent.displayName()).append(" --> ").append(prev.displayName())
          .append("\n\n");
    }
    scenario(b, c, held, parent);
    format.heldLocks(b, now.taskId(), now.held());
    return b.toString();
  }

  private void entry(StringBuilder b, int depth, LockClass c, EdgeRecord r) {
    b.append("\n-> #").append(depth).append(format.className(c)).append(":\n");
    SplatFormat.trace(b, r);
  }

  /**
   * {@code print_circular_lock_scenario()}: the current task takes {@code prev} then {@code next};
   * the task that recorded {@code parent -> prev} takes {@code parent} then {@code prev}.
   */
  private static void scenario(StringBuilder b, Cycle c, HeldLock held, LockClass parent) {
    EdgeRecord now = c.closing().record();
    String cpu0 = now.task();
    String cpu1 = c.edges().get(c.depth() - 1).first().task();
    int col1 = Math.max(31, 7 + cpu0.length() + 2);
    b.append(" Possible unsafe locking scenario:\n\n");
    b.append(pad(7)).append(cpu0).append(pad(col1 - 7 - cpu0.length())).append(cpu1).append('\n');
    String dash0 = "-".repeat(Math.max(4, cpu0.length()));
    b.append(pad(7)).append(dash0).append(pad(col1 - 7 - dash0.length()))
        .append("-".repeat(Math.max(4, cpu1.length()))).append('\n');
    b.append(held != null && held.read() != 0 ? "  rlock(" : "  lock(")
        .append(c.prev().displayName()).append(");\n");
    b.append(pad(col1)).append("lock(").append(parent.displayName()).append(");\n");
    b.append(pad(col1)).append("lock(").append(c.prev().displayName()).append(");\n");
    b.append(now.read() != 0 ? "  rlock(" : now.sync() ? "  sync(" : "  lock(")
        .append(c.next().displayName()).append(");\n");
    b.append("\n *** DEADLOCK ***\n\n");
  }

  static String pad(int n) {
    return " ".repeat(Math.max(1, n));
  }
}
