package org.lockmc.lockdep;

/**
 * lockmc's verdict on one lockdep report, from the exploration of the same model.
 *
 * <ul>
 *   <li>{@link Kind#CONFIRMED}: the explorer reached a deadlock whose tasks hold or await every
 *       class of the report; {@code witness} is that deadlock;
 *   <li>{@link Kind#FALSE_POSITIVE}: exploration was complete and no such deadlock exists; {@code
 *       reason} names what prevents it;
 *   <li>{@link Kind#UNKNOWN}: exploration was bounded and found no such deadlock.
 * </ul>
 *
 * @param kind the verdict
 * @param reason one sentence: where the witness is, what prevents the deadlock, or the bound
 * @param witness the deadlock, for {@link Kind#CONFIRMED}; null otherwise
 */
public record Classification(Kind kind, String reason, DeadlockWitness witness) {

  /** The three verdicts. */
  public enum Kind {
    CONFIRMED("confirmed deadlock"),
    FALSE_POSITIVE("false positive"),
    UNKNOWN("unknown");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    /** {@code confirmed deadlock}, {@code false positive}, {@code unknown}. */
    public String label() {
      return label;
    }
  }

  /** {@code confirmed deadlock: <reason>}. */
  public String text() {
    return kind.label() + ": " + reason;
  }
}
