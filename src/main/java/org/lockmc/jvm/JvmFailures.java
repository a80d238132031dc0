package org.lockmc.jvm;

/** How the harness names a task's failure, in the words lockmc's engine uses for the same. */
final class JvmFailures {
  private JvmFailures() {}

  /** {@code assertion failed: ...} or {@code exception T: message at Model.java:12}. */
  static String describe(Throwable failure) {
    String message = failure.getMessage();
    if (failure instanceof AssertionError) {
      return "assertion failed" + (message == null ? "" : ": " + message);
    }
    String where = modelFrame(failure.getStackTrace());
    return "exception " + failure.getClass().getName() + (message == null ? "" : ": " + message)
        + (where == null ? "" : " at " + where);
  }

  /** The first frame outside lockmc and the JDK, {@code Model.java:12}, or null. */
  static String modelFrame(StackTraceElement[] frames) {
    for (StackTraceElement e : frames) {
      String c = e.getClassName();
      if (e.getFileName() != null && !c.startsWith("org.lockmc.") && !c.startsWith("java.")
          && !c.startsWith("jdk.") && !c.startsWith("sun.")) {
        return e.getFileName() + ":" + e.getLineNumber();
      }
    }
    return null;
  }

  /** {@code failure} as an unchecked throwable, to rethrow from a thread's {@code run}. */
  static RuntimeException unchecked(Throwable failure) {
    if (failure instanceof RuntimeException) {
      return (RuntimeException) failure;
    }
    if (failure instanceof Error) {
      throw (Error) failure;
    }
    return new IllegalStateException(failure);
  }
}
