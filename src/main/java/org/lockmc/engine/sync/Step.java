package org.lockmc.engine.sync;

/**
 * What performing an operation produced: either a result for the task, which then resumes, or a
 * continuation operation the task waits on (a writer that queued and now waits for readers to
 * drain, a synchronize that snapshotted readers and now waits for them).
 *
 * @param result the value returned to the task (0 or 1 for booleans); ignored when {@code next}
 *     is set
 * @param next the continuation the task is now pending on, or {@code null} when the operation is
 *     complete
 */
public record Step(long result, Op next) {
  private static final Step DONE = new Step(0, null);
  private static final Step TRUE = new Step(1, null);

  /** The operation is complete and returns nothing. */
  public static Step done() {
    return DONE;
  }

  /** The operation is complete and returns {@code value}. */
  public static Step result(long value) {
    return value == 0 ? DONE : value == 1 ? TRUE : new Step(value, null);
  }

  /** The operation is complete and returns a boolean. */
  public static Step result(boolean value) {
    return value ? TRUE : DONE;
  }

  /** The task now waits on {@code continuation}; it resumes when that operation is performed. */
  public static Step then(Op continuation) {
    return new Step(0, continuation);
  }

  /** Whether the task resumes after this step. */
  public boolean complete() {
    return next == null;
  }
}
