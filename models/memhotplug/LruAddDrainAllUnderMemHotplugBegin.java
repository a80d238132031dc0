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
 * Seed 003-C, the second recursion hazard: memory offline under the patched {@code
 * mem_hotplug_begin()} but without step 3, as V1 of the patch had it (scenario report, B.5):
 * {@code __offline_pages()} calls {@code lru_add_drain_all()}, which takes {@code
 * cpus_read_lock()} again. Step 3 (003:L29-L31): "The cpu hotpluck locking in #2 causes a
 * recursive locking of the cpu hotplug lock via __offline_pages() -> lru_add_drain_all(). Solve
 * this by invoking lru_add_drain_all_cpuslocked() instead." Andrey Ryabinin's splat of
 * 2017-06-30 (lockdep.md 1.10-B) is this recursion.
 *
 * <p>Verdict DEADLOCK, from one rule: <b>a pending percpu-rwsem writer blocks every new reader,
 * including a task that already holds it for read</b>: memory_offline's second read of {@code
 * cpu_hotplug_lock} waits behind cpu_down's pending write, which waits for memory_offline's
 * first read. {@link LruAddDrainAllCpuslocked} is step 3.
 *
 * <p>Lockdep CYCLE: recursive locking of {@code cpu_hotplug_lock}. Simplified: {@code
 * LruAddDrain.Version.V4_13} takes the cpu lock before its mutex, as merged; the -next kernel of
 * the splat took its mutex ({@code lock#3}) first. The recursion is the same either way.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L29-L31, L139-L140, L154-L168 ('-' lines);"
        + " lockdep.md 1.10-B (the recursive splat)")
public class LruAddDrainAllUnderMemHotplugBegin {
  final CpuHotplug cpus = new CpuHotplug(2);
  final PercpuRwSemaphore memHotplugLock = new PercpuRwSemaphore("mem_hotplug_lock");
  final Workqueue mmPercpuWq = Workqueue.memReclaim("mm_percpu_wq");
  final LruAddDrain lru = new LruAddDrain(cpus, mmPercpuWq, LruAddDrain.Version.V4_13, () -> { });

  /** echo offline > /sys/devices/system/memory/memoryN/state: offline_pages(). */
  @Task("memory_offline")
  void memoryOffline() {
    cpus.cpusReadLock();        // mem_hotplug_begin(): cpus_read_lock();
    memHotplugLock.downWrite(); // percpu_down_write(&mem_hotplug_lock);
    lru.lruAddDrainAll();       // __offline_pages(): lru_add_drain_all(): get_online_cpus() again
    memHotplugLock.upWrite();   // mem_hotplug_done(): percpu_up_write(&mem_hotplug_lock);
    cpus.cpusReadUnlock();      // cpus_read_unlock();
  }

  /** cpu_down(1): cpu_maps_update_begin(); cpus_write_lock(); ... */
  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
