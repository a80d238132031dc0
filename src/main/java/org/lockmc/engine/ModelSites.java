package org.lockmc.engine;

/**
 * Where in the model's source something happens: the model line a task is at ({@code
 * Model.java:42}), and a task's exception described by the model line that threw it. Only frames
 * of the model's own classes count; lockmc's and the JDK's are skipped.
 */
final class ModelSites {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  private final ClassLoader models;

  ModelSites(ClassLoader models) {
    this.models = models;
  }

  /** The innermost model frame of the calling thread, as {@code File.java:NN}, or null. */
  String callSite() {
    return WALKER.walk(frames -> frames
        .filter(f -> f.getDeclaringClass().getClassLoader() == models)
        .findFirst()
        .map(f -> f.getFileName() + ":" + f.getLineNumber())
        .orElse(null));
  }

  /** A task's failure as a violation message: an assertion, or the exception and its line. */
  static String describe(Throwable cause) {
    if (cause instanceof AssertionError) {
      return "assertion failed" + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
    }
    String where = "";
    for (StackTraceElement e : cause.getStackTrace()) {
      if (e.getFileName() != null && !e.getClassName().startsWith("org.lockmc.")
          && !e.getClassName().startsWith("java.")) {
        where = " at " + e.getFileName() + ":" + e.getLineNumber();
        break;
      }
    }
    return "exception " + cause.getClass().getName()
        + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + where;
  }
}
