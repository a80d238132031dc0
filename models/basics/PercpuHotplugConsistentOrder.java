package basics;

import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@link PercpuHotplugInversion} after the 2017 patch: mem_hotplug_begin() takes the cpu lock for
 * read before the memory lock, and stop_machine_cpuslocked() does not take it again. Every task
 * now orders cpu_hotplug_lock before mem_hotplug_lock: no cycle.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L139-L140, L149-L150, L179")
public class PercpuHotplugConsistentOrder {
  final PercpuRwSemaphore cpuHotplug = new PercpuRwSemaphore("cpu_hotplug_lock");
  final PercpuRwSemaphore memHotplug = new PercpuRwSemaphore("mem_hotplug_lock");

  @Task("memory_offline")
  void memoryOffline() {
    cpuHotplug.downRead(); // mem_hotplug_begin(): cpus_read_lock()
    memHotplug.downWrite(); //                     percpu_down_write(&mem_hotplug_lock)
    // stop_machine_cpuslocked(): relies on the read hold above
    memHotplug.upWrite(); // mem_hotplug_done()
    cpuHotplug.upRead();
  }

  @Task("kmem_cache_create")
  void slab() {
    cpuHotplug.downRead(); // get_online_cpus()
    memHotplug.downRead(); // get_online_mems()
    memHotplug.upRead();
    cpuHotplug.upRead();
  }

  @Task("cpu_down")
  void cpuDown() {
    cpuHotplug.downWrite();
    cpuHotplug.upWrite();
  }
}
