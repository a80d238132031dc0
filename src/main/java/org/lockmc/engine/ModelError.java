package org.lockmc.engine;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

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

  /**
   * "cannot read {@code what}: why", where why is said in words: the JDK's messages for a missing
   * or unreadable file are only the file's name again.
   */
  public static ModelError cannotRead(String what, IOException e) {
    String why;
    if (e instanceof NoSuchFileException) {
      why = "no such file or directory";
    } else if (e instanceof AccessDeniedException) {
      why = "permission denied";
    } else if (e instanceof NotDirectoryException) {
      why = "not a directory";
    } else {
      why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
    return new ModelError("cannot read " + what + ": " + why, e);
  }
}
