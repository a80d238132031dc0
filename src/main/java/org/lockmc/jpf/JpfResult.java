package org.lockmc.jpf;

import java.time.Duration;
import java.util.Set;
import org.lockmc.config.VerdictMapping;
import org.lockmc.config.VerdictMapping.JpfKind;

/**
 * What one JPF run said about a model: the kinds of error it reported (empty for "no errors
 * detected"), the states it stored, its wall time, and the text of its first error.
 *
 * @param status whether JPF finished its search, ran out of time, or failed itself
 * @param kinds the errors reported: all of them when {@code status} is {@link Status#FINISHED},
 *     those found before the search was cut when it is {@link Status#TIMEOUT} or {@link
 *     Status#CONSTRAINED}
 * @param states new states stored ({@code states: new=...}), or -1 when not printed
 * @param elapsed wall time of the JPF process
 * @param detail the first error's message, or what went wrong with JPF, or an empty string
 */
public record JpfResult(Status status, Set<JpfKind> kinds, long states, Duration elapsed,
    String detail) {

  /** How the JPF process ended. */
  public enum Status {
    /** The search finished (with or without errors). */
    FINISHED,
    /** It was stopped at the time limit; {@code kinds} holds the errors printed until then. */
    TIMEOUT,
    /**
     * The search ended early at one of JPF's own search constraints (depth limit, memory): its
     * "no errors" covers only part of the state space.
     */
    CONSTRAINED,
    /** JPF itself failed (configuration, class loading, an exception inside JPF). */
    JPF_ERROR
  }

  /**
   * {@code deadlock}, {@code no errors}, {@code timeout}, {@code deadlock (incomplete)} (errors
   * found before a time limit or search constraint), {@code JPF error}.
   */
  public String verdict() {
    switch (status) {
      case FINISHED:
        return VerdictMapping.describe(kinds);
      case TIMEOUT:
        return kinds.isEmpty() ? "timeout" : VerdictMapping.describe(kinds) + " (incomplete)";
      case CONSTRAINED:
        return kinds.isEmpty() ? "incomplete" : VerdictMapping.describe(kinds) + " (incomplete)";
      default:
        return "JPF error";
    }
  }
}
