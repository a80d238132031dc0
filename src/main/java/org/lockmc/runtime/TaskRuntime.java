package org.lockmc.runtime;

import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskState;

/**
 * What the code of a running task can ask of the execution it runs in. The engine provides one
 * per task; the plain-JVM harness provides its own. Every call is a scheduling point unless
 * stated otherwise.
 */
public interface TaskRuntime {
  /** Performs a primitive operation, blocking as its semantics say; returns its result. */
  long perform(Op op);

  /** A read or write of a non-final instance field, just before it happens. */
  void access(Object owner, String field, boolean write);

  /** A read or write of a static field, just before it happens. */
  void accessStatic(String field, boolean write);

  /** A read or write of an array element, just before it happens. */
  void accessArray(Object array, int index, boolean write);

  /** A voluntary yield ({@code cond_resched()}, {@code schedule_timeout()}). */
  void yieldPoint(String what);

  /** A data choice in {@code [0, n)}: every value is explored. Not a scheduling point. */
  int choose(int n);

  /**
   * A safety property. When it fails the execution gets a violation and the task ends (as a
   * kernel {@code BUG()} would end it), keeping whatever it holds.
   */
  void check(boolean condition, String message);

  /** A {@code might_sleep()} annotation: a violation in atomic context. Not a scheduling point. */
  void mightSleep(String what);

  /** The calling task. */
  TaskState task();

  /** The model source line the task is at, {@code Model.java:42}, for reports. */
  String callSite();

  /**
   * A loop iteration of model code (a backward jump). Not a scheduling point: the engine counts
   * them to freeze, as a livelock, a task that loops without touching anything shared.
   */
  default void backEdge() {}

  /**
   * The value of the model's {@code @Param} field {@code field} in the combination being
   * explored, or {@code null} to keep the field's own initial value.
   */
  default Object param(String field) {
    return null;
  }
}
