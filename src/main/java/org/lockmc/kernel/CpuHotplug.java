package org.lockmc.kernel;

import org.lockmc.engine.sync.PercpuRwSemaphoreState;
import org.lockmc.engine.sync.PercpuRwSemaphoreState.Kind;
import org.lockmc.engine.sync.PercpuRwSemaphoreState.PercpuOp;
import org.lockmc.engine.sync.StopMachineState;
import org.lockmc.engine.sync.StopMachineState.StopOp;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * CPU hotplug (kernel/cpu.c) and {@code stop_machine()} (kernel/stop_machine.c) for a machine with
 * a given number of cpus (lockdep.md sections 4.5 and 4.6).
 *
 * <ul>
 *   <li>{@code cpus_read_lock()} and {@code cpus_write_lock()} are the read and write sides of the
 *       percpu rwsem {@code cpu_hotplug_lock}: a pending writer ({@code cpu_down}) blocks new
 *       readers, including a task that already reads it;
 *   <li>{@link #stopMachine} is {@code cpus_read_lock()} + {@link #stopMachineCpusLocked} + {@code
 *       cpus_read_unlock()}; the {@code _cpuslocked} variant asserts that the caller holds the
 *       lock ({@code lockdep_assert_cpus_held()}), takes {@code stop_cpus_mutex}, waits until
 *       every cpu's stopper runs, then runs {@code fn} with every other task stopped and
 *       interrupts off (so {@code fn} must not sleep).
 * </ul>
 */
public final class CpuHotplug {
  private final int nrCpus;
  private final PercpuRwSemaphore cpuHotplugLock = new PercpuRwSemaphore("cpu_hotplug_lock");
  private final Mutex cpuAddRemoveLock = new Mutex("cpu_add_remove_lock");
  private final Mutex stopCpusMutex = new Mutex("stop_cpus_mutex");
  private final StopMachineState stopper;

  /** A machine with {@code nrCpus} online cpus. */
  public CpuHotplug(int nrCpus) {
    if (nrCpus < 1) {
      throw new IllegalArgumentException("a machine needs at least one cpu, not " + nrCpus);
    }
    this.nrCpus = nrCpus;
    this.stopper = new StopMachineState(cpuHotplugLock.state());
  }

  /** The number of online cpus ({@code num_online_cpus()}). */
  public int nrCpus() {
    return nrCpus;
  }

  private long lockOp(Kind kind, String verb) {
    PercpuRwSemaphoreState s = cpuHotplugLock.state();
    return ModelRuntime.current().perform(new PercpuOp(s, kind, verb));
  }

  /** {@code cpus_read_lock()} (formerly {@code get_online_cpus()}). */
  public void cpusReadLock() {
    lockOp(Kind.DOWN_READ, "cpus_read_lock");
  }

  /** {@code cpus_read_trylock()}: fails while a writer is pending or holds it. */
  public boolean cpusReadTrylock() {
    return lockOp(Kind.DOWN_READ_TRYLOCK, "cpus_read_trylock") != 0;
  }

  /** {@code cpus_read_unlock()}. */
  public void cpusReadUnlock() {
    lockOp(Kind.UP_READ, "cpus_read_unlock");
  }

  /** {@code cpus_write_lock()}: blocks new readers, then waits for readers to drain. */
  public void cpusWriteLock() {
    lockOp(Kind.WRITE_BLOCK, "cpus_write_lock");
  }

  /** {@code cpus_write_unlock()}. */
  public void cpusWriteUnlock() {
    lockOp(Kind.UP_WRITE, "cpus_write_unlock");
  }

  /** {@code lockdep_assert_cpus_held()}: a violation unless the caller holds cpu_hotplug_lock. */
  public void lockdepAssertCpusHeld() {
    ModelRuntime.current().perform(new StopOp(stopper, StopMachineState.Kind.ASSERT_CPUS_HELD));
  }

  /**
   * {@code cpu_down()}: {@code cpu_maps_update_begin()} ({@code cpu_add_remove_lock}), {@code
   * cpus_write_lock()}, the teardown callbacks (run inline by the caller, with the write lock
   * held), then both unlocks.
   */
  public void cpuDown(Runnable teardown) {
    hotplug(teardown);
  }

  /** {@code cpu_up()}: as {@link #cpuDown}, with the startup callbacks. */
  public void cpuUp(Runnable startup) {
    hotplug(startup);
  }

  private void hotplug(Runnable callbacks) {
    cpuAddRemoveLock.lock(); // cpu_maps_update_begin()
    cpusWriteLock();
    callbacks.run();
    cpusWriteUnlock();
    cpuAddRemoveLock.unlock(); // cpu_maps_update_done()
  }

  /** {@code stop_machine(fn, data, NULL)}. */
  public void stopMachine(Runnable fn) {
    cpusReadLock();
    stopMachineCpusLocked(fn);
    cpusReadUnlock();
  }

  /**
   * {@code stop_machine_cpuslocked(fn, data, NULL)}: the caller must hold {@code
   * cpus_read_lock()}. {@code fn} runs while no other task runs, in atomic context.
   */
  public void stopMachineCpusLocked(Runnable fn) {
    TaskRuntime rt = ModelRuntime.current();
    lockdepAssertCpusHeld();
    stopCpusMutex.lock(); //                                      stop_cpus(): mutex_lock(&stop_cpus_mutex)
    rt.perform(new StopOp(stopper, StopMachineState.Kind.STOP_CPUS)); // queue the stoppers, wait_for_completion()
    fn.run(); //                                                  multi_cpu_stop(): fn(data), irqs off everywhere
    rt.perform(new StopOp(stopper, StopMachineState.Kind.RESTART));
    stopCpusMutex.unlock();
  }

  /** The percpu rwsem {@code cpu_hotplug_lock} itself. */
  public PercpuRwSemaphore cpuHotplugLock() {
    return cpuHotplugLock;
  }
}
