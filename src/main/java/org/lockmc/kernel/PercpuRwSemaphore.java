package org.lockmc.kernel;

import org.lockmc.engine.sync.PercpuRwSemaphoreState;
import org.lockmc.engine.sync.PercpuRwSemaphoreState.Kind;
import org.lockmc.engine.sync.PercpuRwSemaphoreState.PercpuOp;
import org.lockmc.runtime.ModelRuntime;

/**
 * {@code struct percpu_rw_semaphore} ({@code DEFINE_STATIC_PERCPU_RWSEM}), the lock behind {@code
 * cpus_read_lock()} and {@code get_online_mems()}. A pending writer blocks every new reader, then
 * waits for the existing readers to drain: a task that reads it twice deadlocks when a writer
 * arrives between the two reads.
 */
public final class PercpuRwSemaphore {
  private final PercpuRwSemaphoreState state;
  private final PercpuOp downRead;
  private final PercpuOp upRead;
  private final PercpuOp downWrite;
  private final PercpuOp upWrite;

  /** A percpu rwsem whose lockdep class is {@code name}, for example {@code "cpu_hotplug_lock"}. */
  public PercpuRwSemaphore(String name) {
    state = new PercpuRwSemaphoreState(name);
    downRead = new PercpuOp(state, Kind.DOWN_READ, "percpu_down_read");
    upRead = new PercpuOp(state, Kind.UP_READ, "percpu_up_read");
    downWrite = new PercpuOp(state, Kind.WRITE_BLOCK, "percpu_down_write");
    upWrite = new PercpuOp(state, Kind.UP_WRITE, "percpu_up_write");
  }

  /** {@code percpu_down_read()}: blocks while a writer is pending or holds it. */
  public void downRead() {
    ModelRuntime.current().perform(downRead);
  }

  /** {@code percpu_down_read_trylock()}: fails while a writer is pending or holds it. */
  public boolean downReadTrylock() {
    return ModelRuntime.current().perform(new PercpuOp(state, Kind.DOWN_READ_TRYLOCK,
        "percpu_down_read_trylock")) != 0;
  }

  /** {@code percpu_up_read()}. */
  public void upRead() {
    ModelRuntime.current().perform(upRead);
  }

  /** {@code percpu_down_write()}: waits for other writers, blocks new readers, drains readers. */
  public void downWrite() {
    ModelRuntime.current().perform(downWrite);
  }

  /** {@code percpu_up_write()}. */
  public void upWrite() {
    ModelRuntime.current().perform(upWrite);
  }

  public String name() {
    return state.name();
  }

  PercpuRwSemaphoreState state() {
    return state;
  }
}
