package org.lockmc.kernel;

import org.lockmc.engine.sync.KthreadState;
import org.lockmc.engine.sync.LockdepMapState;
import org.lockmc.engine.sync.LockdepMapState.Kind;
import org.lockmc.engine.sync.LockdepMapState.MapOp;
import org.lockmc.engine.sync.TaskLife;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * Kernel services that are not tied to one primitive object: safety checks, data choices,
 * voluntary scheduling points and sleep annotations.
 */
public final class Kernel {
  private Kernel() {}

  /**
   * States a safety property. When {@code condition} is false the execution is a {@code
   * VIOLATION} with {@code message}, and the task ends there (as a kernel {@code BUG_ON} would),
   * keeping whatever it holds.
   */
  public static void check(boolean condition, String message) {
    ModelRuntime.current().check(condition, message);
  }

  /**
   * A data choice: returns a value in {@code [0, n)}. The checker explores every value (like JPF's
   * {@code Verify.getInt}); use it for "the allocation fails or not", "which task the OOM killer
   * picks".
   */
  public static int choose(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("choose(" + n + "): there must be at least one choice");
    }
    return ModelRuntime.current().choose(n);
  }

  /** A data choice between {@code false} and {@code true}. */
  public static boolean chooseBoolean() {
    return choose(2) == 1;
  }

  /**
   * {@code cond_resched()}: a voluntary scheduling point. The scheduler is fair to yielding tasks:
   * a loop that waits for another task must yield, or it is reported as a livelock.
   */
  public static void condResched() {
    ModelRuntime.current().yieldPoint("cond_resched()");
  }

  /** {@code schedule_timeout_uninterruptible(timeout)}: sleeps, then runs again; a yield point. */
  public static void scheduleTimeout(long jiffies) {
    ModelRuntime.current().yieldPoint("schedule_timeout(" + jiffies + ")");
  }

  /**
   * {@code kthread_run(fn, data, name)}: starts a kernel thread, a new task named {@code name}
   * that runs {@code fn}.
   */
  public static Kthread kthreadRun(String name, Runnable fn) {
    KthreadState state = new KthreadState(name, fn);
    ModelRuntime.current().perform(new KthreadState.Run(state));
    return new Kthread(state);
  }

  /** {@code kthread_should_stop()}: whether {@code kthread_stop()} was called on this thread. */
  public static boolean kthreadShouldStop() {
    TaskRuntime rt = ModelRuntime.current();
    return rt.perform(new TaskLife.ShouldStop(rt.task().life())) != 0;
  }

  /** {@code might_sleep()}: a violation when called in atomic context. */
  public static void mightSleep() {
    ModelRuntime.current().mightSleep("might_sleep()");
  }

  /**
   * {@code might_fault()} ({@code __might_fault}), as {@code copy_from_user()} and {@code
   * copy_to_user()} do: a violation in atomic context, and lockdep records a read acquisition of
   * {@code mmapSem} (the caller's {@code &mm->mmap_sem}) even though no fault happens and nothing
   * blocks.
   */
  public static void mightFault(RwSemaphore mmapSem) {
    TaskRuntime rt = ModelRuntime.current();
    rt.mightSleep("might_fault()");
    LockdepMapState annotation = new LockdepMapState(mmapSem.name());
    rt.perform(new MapOp(annotation, Kind.ACQUIRE, mmapSem.state(), 1, "might_lock_read"));
    rt.perform(new MapOp(annotation, Kind.RELEASE, mmapSem.state(), 1, "lock_release"));
  }

  /**
   * {@code fatal_signal_pending(current)}: whether the calling task was killed (by the OOM
   * killer). A scheduling point, as the read of {@code current->pending} races with the kill.
   */
  public static boolean fatalSignalPending() {
    TaskRuntime rt = ModelRuntime.current();
    return rt.perform(new TaskLife.FatalSignalPending(rt.task().life())) != 0;
  }
}
