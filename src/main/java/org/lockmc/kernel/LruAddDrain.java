package org.lockmc.kernel;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code lru_add_drain_all()} (mm/swap.c, lockdep.md section 4.8): under a function-static mutex,
 * queue the per-cpu {@code lru_add_drain_work} on every online cpu, then flush each, so the caller
 * waits for one kworker per cpu. Two kernel versions:
 *
 * <ul>
 *   <li>{@link Version#V4_13} (tglx, 2017): {@code lru_add_drain_all()} = {@code cpus_read_lock()}
 *       + {@code lru_add_drain_all_cpuslocked()}, which takes the mutex; calling the former with
 *       the cpu hotplug lock already held is a recursive read that deadlocks behind a pending
 *       {@code cpu_down} (seed 003-C);
 *   <li>{@link Version#V4_15} (9852a7212324, "mm: drop hotplug lock from lru_add_drain_all()"):
 *       no cpu hotplug lock at all; both functions are the same.
 * </ul>
 */
public final class LruAddDrain {
  /** Which {@code lru_add_drain_all()}. */
  public enum Version {
    /** cpus_read_lock() around the mutex, and a _cpuslocked variant without it. */
    V4_13,
    /** The mutex only. */
    V4_15
  }

  private final CpuHotplug cpus;
  private final Version version;
  private final Mutex lock = new Mutex("lru_add_drain_all.lock");
  private final Workqueue wq;
  private final List<Work> works = new ArrayList<>();

  /**
   * @param cpus the machine (its cpu count and hotplug lock)
   * @param mmPercpuWq the workqueue the per-cpu works go to ({@code mm_percpu_wq}, made with
   *     {@link Workqueue#memReclaim})
   * @param version which kernel's function
   * @param drain what each cpu's {@code lru_add_drain_per_cpu()} does (model code; usually
   *     nothing that matters for locking: {@code () -> {}})
   */
  public LruAddDrain(CpuHotplug cpus, Workqueue mmPercpuWq, Version version, Runnable drain) {
    this.cpus = cpus;
    this.version = version;
    this.wq = mmPercpuWq;
    for (int cpu = 0; cpu < cpus.nrCpus(); cpu++) {
      works.add(new Work(mmPercpuWq, "lru_add_drain_work", drain));
    }
  }

  /** {@code lru_add_drain_all()}. */
  public void lruAddDrainAll() {
    if (version == Version.V4_13) {
      cpus.cpusReadLock(); //  get_online_cpus()
      lruAddDrainAllCpuslocked();
      cpus.cpusReadUnlock(); // put_online_cpus()
    } else {
      lruAddDrainAllCpuslocked();
    }
  }

  /** {@code lru_add_drain_all_cpuslocked()}: the caller already holds cpus_read_lock(). */
  public void lruAddDrainAllCpuslocked() {
    lock.lock(); //                          mutex_lock(&lock)
    for (Work w : works) {
      wq.queueWork(w); //                    queue_work_on(cpu, mm_percpu_wq, work)
    }
    for (Work w : works) {
      w.flushWork(); //                      flush_work(&per_cpu(lru_add_drain_work, cpu))
    }
    lock.unlock();
  }
}
