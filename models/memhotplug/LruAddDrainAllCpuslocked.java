package memhotplug;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.kernel.LruAddDrain;
import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.kernel.Workqueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-C, step 3 of the patch (003:L29-L31, the hunks 003:L154-L171): {@code
 * __offline_pages()} calls {@code lru_add_drain_all_cpuslocked()}, which relies on the {@code
 * cpus_read_lock()} that {@code mem_hotplug_begin()} already holds.
 *
 * <p>Verdict SAFE, lockdep NO_CYCLE, from one step: <b>memory_offline reads {@code
 * cpu_hotplug_lock} once</b>, so cpu_down's pending write waits for it without blocking it. The
 * per-cpu drain works run on {@code mm_percpu_wq} and take no hotplug lock. {@link
 * LruAddDrainAllUnderMemHotplugBegin} is the same code with {@code lru_add_drain_all()}.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L29-L31, L139-L150, L154-L171 ('+' lines)")
public class LruAddDrainAllCpuslocked {
  final CpuHotplug cpus = new CpuHotplug(2);
  final PercpuRwSemaphore memHotplugLock = new PercpuRwSemaphore("mem_hotplug_lock");
  final Workqueue mmPercpuWq = Workqueue.memReclaim("mm_percpu_wq");
  final LruAddDrain lru = new LruAddDrain(cpus, mmPercpuWq, LruAddDrain.Version.V4_13, () -> { });

  /** echo offline > /sys/devices/system/memory/memoryN/state: offline_pages(). */
  @Task("memory_offline")
  void memoryOffline() {
    cpus.cpusReadLock();            // mem_hotplug_begin(): cpus_read_lock();
    memHotplugLock.downWrite();     // percpu_down_write(&mem_hotplug_lock);
    lru.lruAddDrainAllCpuslocked(); // __offline_pages(): lru_add_drain_all_cpuslocked()
    memHotplugLock.upWrite();       // mem_hotplug_done(): percpu_up_write(&mem_hotplug_lock);
    cpus.cpusReadUnlock();          // cpus_read_unlock();
  }

  /** cpu_down(1): cpu_maps_update_begin(); cpus_write_lock(); ... */
  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
