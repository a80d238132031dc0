package org.lockmc.runtime;

/**
 * The single entry point through which primitives and instrumented model code reach the
 * execution that runs them. Each task thread is bound to its own {@link TaskRuntime}; nothing is
 * global, so several explorations can run in one JVM.
 */
public final class ModelRuntime {
  private static final ThreadLocal<TaskRuntime> CURRENT = new ThreadLocal<>();

  private ModelRuntime() {}

  /** The runtime of the calling task; fails when called outside a task. */
  public static TaskRuntime current() {
    TaskRuntime r = CURRENT.get();
    if (r == null) {
      throw new IllegalStateException(
          "a kernel primitive was used outside a @Task method (for example in a constructor or"
              + " field initializer); primitives may only be operated by tasks");
    }
    return r;
  }

  /** The runtime of the calling task, or {@code null} outside a task. */
  public static TaskRuntime currentOrNull() {
    return CURRENT.get();
  }

  /** Binds the calling thread to {@code runtime} (the engine does this when a task starts). */
  public static void bind(TaskRuntime runtime) {
    CURRENT.set(runtime);
  }

  /** Unbinds the calling thread. */
  public static void unbind() {
    CURRENT.remove();
  }
}
