package org.lockmc.runtime;

/**
 * Ends a task after a failed {@code Kernel.check}, as {@code BUG()} ends a kernel task. The
 * violation is recorded before it is thrown. Models must not catch it.
 */
public final class TaskBug extends Error {
  private static final long serialVersionUID = 1L;

  public TaskBug(String message) {
    super(message, null, false, false);
  }
}
