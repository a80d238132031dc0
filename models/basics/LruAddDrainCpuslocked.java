package basics;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.kernel.LruAddDrain;
import org.lockmc.kernel.Workqueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * The fix of {@link LruAddDrainUnderCpusReadLock}: inside {@code mem_hotplug_begin()}, memory
 * offlining calls {@code lru_add_drain_all_cpuslocked()}, which relies on the caller's {@code
 * cpus_read_lock()} instead of taking it again. The per-cpu drain works still run on their
 * kworkers and are flushed; nothing they do needs the cpu hotplug lock, so {@code cpu_down}
 * simply waits.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L29-L31, L158-L159 (the _cpuslocked call)")
public class LruAddDrainCpuslocked {
  final CpuHotplug cpus = new CpuHotplug(2);
  final Workqueue mmPercpuWq = Workqueue.memReclaim("mm_percpu_wq");
  final LruAddDrain lru = new LruAddDrain(cpus, mmPercpuWq, LruAddDrain.Version.V4_13, () -> { });

  @Task("memory_offline")
  void offline() {
    cpus.cpusReadLock(); //            mem_hotplug_begin(): cpus_read_lock()
    lru.lruAddDrainAllCpuslocked(); // __offline_pages() -> lru_add_drain_all_cpuslocked()
    cpus.cpusReadUnlock();
  }

  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
