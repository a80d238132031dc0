package org.lockmc.runtime;

/**
 * Thrown into a task that is still blocked (or frozen) when its execution ends, so that its
 * thread unwinds. Models must not catch it; it carries no stack trace.
 */
public final class ExecutionAborted extends Error {
  private static final long serialVersionUID = 1L;

  public ExecutionAborted() {
    super("execution ended", null, false, false);
  }
}
