package org.lockmc.engine;

/**
 * A mistake in a model or in how it was named on the command line: one message that says what is
 * wrong, where, and how to fix it. The CLI prints it on one line and exits with code 2.
 */
public final class ModelError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ModelError(String message) {
    super(message);
  }

  public ModelError(String message, Throwable cause) {
    super(message, cause);
  }
}
