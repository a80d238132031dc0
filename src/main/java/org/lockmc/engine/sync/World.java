package org.lockmc.engine.sync;

import java.util.List;

/**
 * What a primitive's state may ask of the execution it lives in: report a misuse, read the
 * semantic switches. The engine and the plain-JVM harness each provide one per execution.
 */
public interface World {
  /**
   * Reports a misuse by {@code task} (unlock of a lock not held, a read release of a write hold).
   * The task continues; the execution is marked with a {@code VIOLATION}.
   */
  void violation(TaskState task, String message);

  /** The semantic switches of this execution. */
  Semantics semantics();

  /**
   * Starts a new task named {@code name} (made unique if needed) that runs {@code body}, and
   * returns it. Called from {@link SyncObject#perform} of the operation that creates it ({@code
   * kthread_run}, {@code queue_work}); the new task's first step happens after that operation.
   */
  TaskState spawn(TaskState parent, String name, Runnable body);

  /** The live tasks that are in atomic context now (hold a spinlock, are inside RCU). */
  default List<TaskState> tasksInAtomic() {
    return List.of();
  }

  /**
   * {@code stop_machine()}: from now until {@link #restartMachine}, no task but {@code by} runs.
   * Only called from a {@link Op#global() global} operation.
   */
  default void stopMachine(TaskState by) {}

  /** Ends {@link #stopMachine}: every task may run again. */
  default void restartMachine(TaskState by) {}
}
