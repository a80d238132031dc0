package org.lockmc.kernel;

import org.lockmc.engine.sync.KthreadState;
import org.lockmc.engine.sync.TaskLife;
import org.lockmc.runtime.ModelRuntime;

/**
 * A kernel thread started by {@link Kernel#kthreadRun}: a new task that runs the given code.
 * {@link #stop()} is {@code kthread_stop()}: it makes {@link Kernel#kthreadShouldStop()} true in
 * the thread, wakes it, and waits for it to exit, so calling it while holding a lock the thread
 * needs before its next check deadlocks (lockdep cannot see that wait).
 */
public final class Kthread {
  private final KthreadState state;

  Kthread(KthreadState state) {
    this.state = state;
  }

  /** {@code kthread_stop()}. */
  public void stop() {
    ModelRuntime.current().perform(new TaskLife.Stop(state.thread().life()));
  }

  /** The thread's task name. */
  public String name() {
    return state.thread().name();
  }
}
