package org.lockmc.lockdep;

/**
 * Renders a {@link LockdepReport} as text: a heading, then each report in lockdep's layout
 * followed by {@code lockmc:} lines (the cycle's dependencies in order, with where each was first
 * recorded, and the classification), then the deadlocks lockdep cannot see.
 */
final class LockdepText {
  private LockdepText() {}

  static String render(LockdepReport r) {
    SplatFormat format = new SplatFormat(r.graph(), r.model(), r.rules());
    SplatPrinter circular = new SplatPrinter(format);
    MisuseSplatPrinter misuse = new MisuseSplatPrinter(format);
    StringBuilder b = new StringBuilder();
    b.append("lockdep view of ").append(r.model()).append(" (lockdep ").append(r.rules().label())
        .append(" rules; ").append(count((int) Math.min(Integer.MAX_VALUE, r.executions()),
            "execution", "executions")).append(", ")
        .append(r.complete() ? "complete" : "bounded").append("): ")
        .append(count(r.circular().size(), "circular dependency", "circular dependencies"))
        .append(", ").append(count(r.recursive().size(), "recursive locking report",
            "recursive locking reports"))
        .append(", ").append(count(r.misuse().size(), "misuse report", "misuse reports"))
        .append(", ").append(count(r.invisible().size(), "deadlock lockdep cannot see",
            "deadlocks lockdep cannot see"))
        .append('\n');
    for (LockdepReport.Circular c : r.circular()) {
      b.append('\n').append(circular.print(c.cycle()));
      b.append("\nlockmc: the dependencies of this cycle, in order:\n");
      Cycle cy = c.cycle();
      dependency(b, cy.closing().from(), cy.closing().to(),
          cy.closing().stored() ? cy.closing().edge().mask() : 1 << cy.closing().bit(),
          cy.closing().record());
      for (Edge e : cy.edges()) {
        dependency(b, e.from(), e.to(), e.mask(), e.first());
      }
      b.append("lockmc: ").append(c.classification().text()).append('\n');
      blocked(b, c.classification().witness());
    }
    for (LockdepReport.Recursive rec : r.recursive()) {
      b.append('\n').append(misuse.print(rec.report()));
      b.append("\nlockmc: ").append(rec.classification().text()).append('\n');
      blocked(b, rec.classification().witness());
    }
    for (MisuseReport m : r.misuse()) {
      b.append('\n').append(misuse.print(m));
      String v = violation(r, m);
      if (v != null) {
        b.append("\nlockmc: the explorer reports it as ").append(v).append('\n');
      }
    }
    if (!r.invisible().isEmpty()) {
      b.append("\ndeadlocks lockdep cannot see:\n");
      for (InvisibleDeadlock d : r.invisible()) {
        b.append("  ").append(d.witness().summary()).append(" (execution ")
            .append(d.witness().execution()).append("): ").append(d.reason()).append('\n');
      }
    }
    return b.toString();
  }

  private static void dependency(StringBuilder b, LockClass from, LockClass to, int mask,
      EdgeRecord first) {
    b.append("  ").append(from.displayName()).append(" -> ").append(to.displayName()).append(" (")
        .append(Dep.names(mask)).append("): ").append(first.op()).append(" at ")
        .append(first.site()).append(" by ").append(first.taskId()).append(", execution ")
        .append(first.execution()).append('\n');
  }

  /** How the tasks of a confirming deadlock wait, with their lockdep held classes. */
  static void blocked(StringBuilder b, DeadlockWitness w) {
    if (w == null) {
      return;
    }
    for (DeadlockWitness.TaskWait t : w.waits()) {
      b.append("  ").append(t.task()).append(": ").append(t.op()).append(" -- ")
          .append(t.reason());
      if (!t.held().isEmpty()) {
        b.append("; holds ").append(String.join(", ", t.held()));
      }
      b.append('\n');
    }
  }

  /** One line for a misuse report. */
  static String misuseLine(MisuseReport m) {
    if (m instanceof MisuseReport.BadUnlock) {
      MisuseReport.BadUnlock u = (MisuseReport.BadUnlock) m;
      return "bad unlock balance: " + u.task() + " releases " + u.lock() + " at " + u.site()
          + " without holding it";
    }
    if (m instanceof MisuseReport.HeldAtReturn) {
      StringBuilder held = new StringBuilder();
      for (HeldLock h : m.held()) {
        held.append(held.length() == 0 ? "" : ", ").append(h.describe());
      }
      return "lock held when returning to user space: " + m.task() + " ends holding " + held;
    }
    MisuseReport.RecursiveLocking rl = (MisuseReport.RecursiveLocking) m;
    return "recursive locking of " + rl.lockClass().displayName() + " by " + rl.task();
  }

  /** The violation finding the explorer reported for the same misuse, or null. */
  private static String violation(LockdepReport r, MisuseReport m) {
    for (String key : r.violations()) {
      if (!key.startsWith("VIOLATION[" + m.task() + ": ")) {
        continue;
      }
      boolean matches = m instanceof MisuseReport.HeldAtReturn
          ? key.contains("task ended holding")
          : key.contains(((MisuseReport.BadUnlock) m).lock());
      if (matches) {
        return key;
      }
    }
    return null;
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
