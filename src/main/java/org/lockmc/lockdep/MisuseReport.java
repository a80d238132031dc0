package org.lockmc.lockdep;

import java.util.List;

/**
 * A lockdep report about one task's own use of its locks rather than about the order of two
 * classes: recursive locking, an unbalanced unlock, a lock held when returning to user space.
 * Each is recorded once, at its first occurrence in exploration order.
 */
public sealed interface MisuseReport
    permits MisuseReport.RecursiveLocking, MisuseReport.BadUnlock, MisuseReport.HeldAtReturn {

  /** The task that did it. */
  String task();

  /** Its lockdep pid (stable id plus one). */
  int pid();

  /** The locks it held at that moment, outermost first. */
  List<HeldLock> held();

  /** The 1-based execution in which it was first seen. */
  long execution();

  /** {@code task/pid}. */
  default String taskId() {
    return task() + "/" + pid();
  }

  /**
   * "possible recursive locking detected": {@code next} is acquired while {@code prev}, of the
   * same class, is held, and neither a recursive read over a read nor a held {@code nest_lock}
   * allows it ({@code check_deadlock()}).
   *
   * @param op the operation of the second acquisition
   * @param sync whether the second acquisition is a {@code lock_sync()}
   */
  record RecursiveLocking(String task, int pid, HeldLock prev, HeldLock next, String op,
      boolean sync, List<HeldLock> held, long execution) implements MisuseReport {
    public RecursiveLocking {
      held = List.copyOf(held);
    }

    /** The class acquired twice. */
    public LockClass lockClass() {
      return next.lockClass();
    }
  }

  /**
   * "bad unlock balance detected": a release of a lock this task does not hold in lockdep's
   * view (lockdep state is per task, so releasing another task's lock is one too).
   */
  record BadUnlock(String task, int pid, String lock, String op, String site, List<HeldLock> held,
      long execution) implements MisuseReport {
    public BadUnlock {
      held = List.copyOf(held);
    }
  }

  /** "lock held when returning to user space": the task ended with locks held. */
  record HeldAtReturn(String task, int pid, List<HeldLock> held, long execution)
      implements MisuseReport {
    public HeldAtReturn {
      held = List.copyOf(held);
    }
  }
}
