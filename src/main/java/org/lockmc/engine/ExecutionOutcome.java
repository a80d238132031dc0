package org.lockmc.engine;

import java.util.List;

/** How one execution ended. */
public sealed interface ExecutionOutcome
    permits ExecutionOutcome.Completed, ExecutionOutcome.Redundant, ExecutionOutcome.Cut {

  /**
   * The execution ran until no task could run (or a replayed schedule ended); {@code findings}
   * lists its bad outcomes, empty for a clean execution.
   */
  record Completed(List<Finding> findings) implements ExecutionOutcome {}

  /**
   * Every enabled task was in the sleep set: this execution is equivalent to one already
   * explored. It is not a result.
   */
  record Redundant() implements ExecutionOutcome {}

  /** A bound (wall time) cut the execution short; {@code bound} names it. */
  record Cut(String bound) implements ExecutionOutcome {}
}
