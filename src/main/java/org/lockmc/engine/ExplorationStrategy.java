package org.lockmc.engine;

import org.lockmc.engine.sync.Op;

/**
 * The policy of an exploration: which task runs at each scheduling point and which value each
 * data choice takes, execution after execution. The mechanism ({@link Execution}) asks; the
 * strategy never touches threads or model state.
 */
public interface ExplorationStrategy {
  /** Returned by {@link #chooseTask} when every enabled task is in the sleep set. */
  int SLEEP_BLOCKED = -1;

  /** Returned by {@link #chooseTask} when a replayed schedule is exhausted. */
  int STOP = -2;

  /** Prepares the next execution; false when there is none left. */
  boolean startExecution();

  /** The task to run at {@code point} (which has at least one enabled task), or a code above. */
  int chooseTask(SchedulingPoint point);

  /** The value of a data choice in {@code [0, n)}, made by task {@code task}. */
  int chooseValue(int task, int n);

  /** The chosen task's operation was performed; {@code before} is the point it was chosen at. */
  void performed(Event event, SchedulingPoint before);

  /**
   * An event performed without a scheduling decision (a task's exit right after its last
   * operation); strategies that track happens-before record it.
   */
  default void forced(Event event) {}

  /**
   * The execution ended with {@code task} still pending on {@code op} (blocked forever, or frozen
   * as a livelock): the operation never became an event, but it still races with the events that
   * kept it from running. Called once per such task at the end of a maximal execution.
   */
  default void pendingAtEnd(int task, Op op, boolean global) {}

  /** Whether having explored every execution this strategy offered covers every behaviour. */
  boolean coversAllBehaviours();
}
