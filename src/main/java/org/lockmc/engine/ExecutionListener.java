package org.lockmc.engine;

import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.Step;
import org.lockmc.engine.sync.TaskState;

/**
 * Observes executions as they run (the lockdep recorder is one). Calls come from whichever task
 * thread holds the scheduler, one at a time; {@link #arrived} always comes from the arriving
 * task's own thread, so it may inspect that task's stack.
 */
public interface ExecutionListener {
  /** A new execution starts. */
  default void executionStarted() {}

  /** {@code task} reached {@code op} and may now block on it. */
  default void arrived(TaskState task, Op op) {}

  /** {@code task}'s {@code op} was performed with result {@code step}. */
  default void performed(TaskState task, Op op, Step step) {}

  /** The execution ended with {@code outcome}. */
  default void executionEnded(ExecutionOutcome outcome) {}
}
