package org.lockmc.engine.sync;

/**
 * The engine-side state of one primitive instance: its blocking rule, its effect and its DPOR
 * dependence. Each kernel primitive is a thin handle over exactly one subclass.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>{@link #enabled} has no side effect and depends only on this object's state and the task;
 *   <li>{@link #perform} is only called when {@link #enabled} holds, by the single running
 *       scheduler, so subclasses need no synchronisation;
 *   <li>two operations on different objects are independent unless one of them is global; two
 *       operations on this object are dependent unless {@link #dependent} says otherwise, and it
 *       may only say so when the two commute and neither enables or disables the other.
 * </ul>
 */
public abstract class SyncObject {
  private final String name;

  protected SyncObject(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("a primitive needs a name (its lock class name)");
    }
    this.name = name;
  }

  /** The object's name: the lock class name lockdep would print. */
  public final String name() {
    return name;
  }

  /** Whether {@code task} can perform {@code op} now. */
  public abstract boolean enabled(Op op, TaskState task, World world);

  /** Performs {@code op} for {@code task}; only called when {@link #enabled} holds. */
  public abstract Step perform(Op op, TaskState task, World world);

  /**
   * Whom {@code task} waits for while {@code op} is not enabled. The default is a wait for an
   * event any task could produce (a wake-up, a completion), which never forms a deadlock cycle.
   */
  public WaitFor waitFor(Op op, TaskState task) {
    return WaitFor.event("waits in " + op.describe());
  }

  /** DPOR dependence between two operations on this object; conservative by default. */
  public boolean dependent(Op a, Op b) {
    return true;
  }

  @Override
  public String toString() {
    return name;
  }
}
