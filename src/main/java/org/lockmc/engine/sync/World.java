package org.lockmc.engine.sync;

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
}
