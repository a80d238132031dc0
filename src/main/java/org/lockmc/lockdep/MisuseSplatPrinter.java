package org.lockmc.lockdep;

/**
 * Prints {@link MisuseReport}s in lockdep's layouts: "possible recursive locking detected" ({@code
 * print_deadlock_bug}, lockdep.md 1.3), "bad unlock balance detected!" ({@code
 * print_unlock_imbalance_bug}, 1.7) and "lock held when returning to user space!" ({@code
 * lockdep_sys_exit}, 1.5), with the same substitutions as {@link SplatPrinter}.
 */
public final class MisuseSplatPrinter {
  private final SplatFormat format;

  public MisuseSplatPrinter(DependencyGraph graph, String model, LockdepRules rules) {
    this.format = new SplatFormat(graph, model, rules);
  }

  MisuseSplatPrinter(SplatFormat format) {
    this.format = format;
  }

  /** The report, ending with a newline. */
  public String print(MisuseReport r) {
    if (r instanceof MisuseReport.RecursiveLocking) {
      return recursive((MisuseReport.RecursiveLocking) r);
    }
    if (r instanceof MisuseReport.BadUnlock) {
      return badUnlock((MisuseReport.BadUnlock) r);
    }
    return heldAtReturn((MisuseReport.HeldAtReturn) r);
  }

  private String recursive(MisuseReport.RecursiveLocking r) {
    StringBuilder b = new StringBuilder();
    format.header(b, "WARNING: possible recursive locking detected");
    b.append(r.taskId()).append(" is trying to acquire lock:\n");
    b.append(format.lock(r.next().lockClass(), r.next().site())).append('\n');
    b.append("\nbut task is already holding lock:\n");
    b.append(format.lock(r.prev().lockClass(), r.prev().site())).append('\n');
    b.append("\nother info that might help us debug this:\n");
    b.append(" Possible unsafe locking scenario:\n\n");
    b.append("       ").append(r.task()).append('\n');
    b.append("       ").append("-".repeat(Math.max(4, r.task().length()))).append('\n');
    b.append("  lock(").append(r.prev().lockClass().displayName()).append(");\n");
    b.append("  lock(").append(r.next().lockClass().displayName()).append(");\n");
    b.append("\n *** DEADLOCK ***\n\n");
    b.append(" May be due to missing lock nesting notation\n\n");
    format.heldLocks(b, r.taskId(), r.held());
    return b.toString();
  }

  private String badUnlock(MisuseReport.BadUnlock r) {
    StringBuilder b = new StringBuilder();
    format.header(b, "WARNING: bad unlock balance detected!");
    b.append(r.taskId()).append(" is trying to release lock (").append(r.lock())
        .append(") at:\n");
    b.append(r.site()).append(' ').append(r.op()).append('\n');
    b.append("but there are no more locks to release!\n");
    b.append("\nother info that might help us debug this:\n");
    format.heldLocks(b, r.taskId(), r.held());
    return b.toString();
  }

  private String heldAtReturn(MisuseReport.HeldAtReturn r) {
    StringBuilder b = new StringBuilder();
    format.header(b, "WARNING: lock held when returning to user space!");
    b.append(r.taskId()).append(" is leaving the kernel with locks still held!\n");
    format.heldLocks(b, r.taskId(), r.held());
    return b.toString();
  }
}
