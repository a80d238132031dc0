package org.lockmc.model;

/**
 * The kinds of outcome lockmc reports for a model.
 *
 * <p>A model's result is the set of bad kinds found over the whole exploration. {@link #SAFE}
 * means that exploration was complete and found none of them; a bounded exploration that found
 * nothing is reported as {@code UNKNOWN}, which is not a member of this enum on purpose: a model
 * can never expect it.
 */
public enum Verdict {
  /** Tasks blocked in a cycle of the wait-for graph: none of them can ever proceed. */
  DEADLOCK,
  /** Every unfinished task blocked with no cycle, for example after a lost wake-up. */
  HANG,
  /** A task ran past its own step bound although the schedule was fair to it. */
  LIVELOCK,
  /**
   * A failed {@code Kernel.check} or assertion, an exception thrown by a task, or a misuse of a
   * primitive: unlocking a lock one does not hold, sleeping in atomic context, a lock still held
   * when a task ends.
   */
  VIOLATION,
  /** Complete exploration, none of the above found. */
  SAFE
}
