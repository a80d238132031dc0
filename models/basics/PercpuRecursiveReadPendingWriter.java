package basics;

import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * The hazard step 3 of the 2017 patch avoids: with mem_hotplug_begin() now holding
 * cpus_read_lock(), __offline_pages() -> lru_add_drain_all() would take it for read a second
 * time. A cpu hotplug writer that arrives between the two reads blocks the second (a pending
 * writer blocks every new reader, the holder's own included) while it waits for the first to
 * drain: deadlock. lru_add_drain_all_cpuslocked() does not take the lock again.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L29-L31, L158-L159, L167-L168")
public class PercpuRecursiveReadPendingWriter {
  final PercpuRwSemaphore cpuHotplug = new PercpuRwSemaphore("cpu_hotplug_lock");

  @Task("memory_offline")
  void memoryOffline() {
    cpuHotplug.downRead(); // mem_hotplug_begin(): cpus_read_lock()
    cpuHotplug.downRead(); // lru_add_drain_all(): get_online_cpus() again
    cpuHotplug.upRead();
    cpuHotplug.upRead();
  }

  @Task("cpu_down")
  void cpuDown() {
    cpuHotplug.downWrite();
    cpuHotplug.upWrite();
  }
}
