package org.lockmc.kernel;

import org.lockmc.engine.sync.WorkqueueState;
import org.lockmc.engine.sync.WorkqueueState.Instance;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * A workqueue ({@code alloc_workqueue(name, flags, 0)}). {@link #queueWork} starts a kworker, a
 * new task, that runs the work unless it is already pending; {@link Work#flushWork()} waits for
 * it. While a work runs, its kworker holds the lockdep-only maps {@code (wq_completion)name} and
 * {@code (work_completion)work}, so flushing a work while holding a lock the work takes is a
 * lockdep cycle as well as a real deadlock.
 *
 * <p>Three kinds: an ordinary (unbound, concurrent) queue; {@link #ordered} (one work at a time,
 * in queue order: a work that flushes another work of its own queue deadlocks); {@link
 * #memReclaim} ({@code WQ_MEM_RECLAIM}, with a rescuer: {@code flush_work} also annotates the
 * queue's map).
 */
public final class Workqueue {
  private final WorkqueueState state;

  /** {@code alloc_workqueue(name, 0, 0)}. */
  public Workqueue(String name) {
    this(name, false, false);
  }

  private Workqueue(String name, boolean ordered, boolean rescuer) {
    state = new WorkqueueState(name, ordered, rescuer, instance -> kworker(instance));
  }

  /** {@code alloc_ordered_workqueue(name, 0)}: one work at a time, in queue order. */
  public static Workqueue ordered(String name) {
    return new Workqueue(name, true, false);
  }

  /** {@code alloc_workqueue(name, WQ_MEM_RECLAIM, 0)}, such as {@code mm_percpu_wq}. */
  public static Workqueue memReclaim(String name) {
    return new Workqueue(name, false, true);
  }

  /**
   * {@code queue_work(wq, work)}: unless the work is already pending, starts a kworker that runs
   * it, and returns true; returns false when it was pending.
   */
  public boolean queueWork(Work work) {
    if (work.workqueue() != this) {
      throw new IllegalArgumentException("work " + work.name() + " belongs to workqueue "
          + work.workqueue().name() + ", not " + name() + " (lockmc binds a work to one queue)");
    }
    return ModelRuntime.current().perform(state.queue(work.state())) != 0;
  }

  /** {@code flush_workqueue(wq)}: waits for every work queued before the call to finish. */
  public void flushWorkqueue() {
    TaskRuntime rt = ModelRuntime.current();
    rt.perform(state.map().acquire());
    rt.perform(state.map().release());
    rt.perform(state.flushWorkqueue());
  }

  /** The kworker running one instance: {@code process_one_work()}. */
  private Runnable kworker(Instance instance) {
    return () -> {
      TaskRuntime rt = ModelRuntime.current();
      if (rt.perform(state.start(instance)) == 0) {
        return; // cancelled while pending
      }
      WorkqueueState.Work w = instance.work();
      rt.perform(state.map().acquire()); //   lock_map_acquire(&pwq->wq->lockdep_map)
      rt.perform(w.map().acquire()); //       lock_map_acquire(&lockdep_map)
      w.fn().run(); //                        worker->current_func(work)
      rt.perform(w.map().release());
      rt.perform(state.map().release());
      rt.perform(state.done(instance));
    };
  }

  WorkqueueState state() {
    return state;
  }

  public String name() {
    return state.name();
  }
}
