package org.lockmc.kernel;

import org.lockmc.engine.sync.WorkqueueState;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * A {@code struct work_struct} ({@code INIT_WORK(&work, fn)}) on one {@link Workqueue}. Its
 * function is model code, run by a kworker task each time the work is queued.
 */
public final class Work {
  private final Workqueue wq;
  private final WorkqueueState.Work state;

  /**
   * A work named {@code name} (its lockdep class is {@code (work_completion)name}) that runs
   * {@code fn} when queued on {@code wq}.
   */
  public Work(Workqueue wq, String name, Runnable fn) {
    this.wq = wq;
    this.state = new WorkqueueState.Work(name, fn);
  }

  /**
   * {@code flush_work(work)}: waits until the last queued instance has finished; returns whether
   * it had to wait. Lockdep records an acquisition of the work's map (and of the queue's, for an
   * ordered queue or one with a rescuer).
   */
  public boolean flushWork() {
    TaskRuntime rt = ModelRuntime.current();
    rt.perform(state.map().acquire());
    rt.perform(state.map().release());
    WorkqueueState q = wq.state();
    if (q.flushAnnotatesQueue()) {
      rt.perform(q.map().acquire());
      rt.perform(q.map().release());
    }
    return rt.perform(q.flushWork(state)) != 0;
  }

  /**
   * {@code cancel_work_sync(work)}: removes a pending instance and waits for a running one;
   * returns whether one was pending.
   */
  public boolean cancelWorkSync() {
    TaskRuntime rt = ModelRuntime.current();
    rt.perform(state.map().acquire());
    rt.perform(state.map().release());
    return rt.perform(wq.state().cancelWorkSync(state)) != 0;
  }

  Workqueue workqueue() {
    return wq;
  }

  WorkqueueState.Work state() {
    return state;
  }

  public String name() {
    return state.name();
  }
}
