package basics;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.kernel.LruAddDrain;
import org.lockmc.kernel.Workqueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-C with {@code lru_add_drain_all()}: after tglx's conversion, memory offlining runs
 * inside {@code mem_hotplug_begin()}, which holds {@code cpus_read_lock()}; the 4.13 {@code
 * lru_add_drain_all()} takes it again, so a {@code cpu_down} pending in between deadlocks both
 * ("recursive locking of the cpu hotplug lock via __offline_pages() -> lru_add_drain_all()").
 * {@link LruAddDrainCpuslocked} is the fix.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L29-L31, L158-L159; lockdep.md 1.10 example B, 4.8")
public class LruAddDrainUnderCpusReadLock {
  final CpuHotplug cpus = new CpuHotplug(2);
  final Workqueue mmPercpuWq = Workqueue.memReclaim("mm_percpu_wq");
  final LruAddDrain lru = new LruAddDrain(cpus, mmPercpuWq, LruAddDrain.Version.V4_13, () -> { });

  @Task("memory_offline")
  void offline() {
    cpus.cpusReadLock(); //  mem_hotplug_begin(): cpus_read_lock()
    lru.lruAddDrainAll(); // __offline_pages() -> lru_add_drain_all(): cpus_read_lock() again
    cpus.cpusReadUnlock();
  }

  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
