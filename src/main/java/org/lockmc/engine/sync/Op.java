package org.lockmc.engine.sync;

/**
 * One visible operation of a task: the unit the scheduler interleaves.
 *
 * <p>An operation acts on exactly one {@link SyncObject}, which owns its semantics (when it is
 * enabled, what it changes, whom a blocked task waits for, which operations it conflicts with).
 * Operations are immutable values; they are created by the primitive handles in {@code
 * org.lockmc.kernel} and by the instrumented field accesses of model code.
 */
public interface Op {
  /** The object whose state this operation reads or changes. */
  SyncObject object();

  /** Kernel-style text of the operation, as a trace shows it: {@code mutex_lock(ksm_thread_mutex)}. */
  String describe();

  /**
   * Whether the kernel function this operation stands for may sleep ({@code might_sleep()}).
   * Performing such an operation in atomic context (under a spinlock or inside an RCU read
   * section) is a violation.
   */
  default boolean mightSleep() {
    return false;
  }

  /**
   * The task (other than the performer) whose pending operation's enabledness this operation may
   * change without touching that operation's object (a fatal signal ending an interruptible
   * sleep), or {@code null}. DPOR treats the two as dependent.
   */
  default TaskState affects() {
    return null;
  }

  /** What lockdep records for this operation, or {@code null} when lockdep does not see it. */
  default LockdepEffect lockdep() {
    return null;
  }

  /**
   * Whether this operation may change (or its enabledness depends on) the state of every task,
   * not only of its object: {@code stop_machine()} stops every other task. DPOR treats a global
   * operation as dependent with every other operation.
   */
  default boolean global() {
    return false;
  }

  /**
   * Whether this operation is local: it never blocks, and only the performing task can observe
   * its effect (a pure lockdep annotation changes only that task's held-lock stack). A local
   * operation commutes with every operation of every other task, so the engine performs it at
   * once, without a scheduling point; traces still show it.
   */
  default boolean local() {
    return false;
  }
}
