package basics;

import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * The shape of the 2017 memory/cpu hotplug inversion with two percpu rwsems: memory hotplug takes
 * its lock for write and then the cpu lock for read (stop_machine() under mem_hotplug_begin()),
 * slab takes the cpu lock then the memory lock for read, and a cpu hotplug writer pends on the
 * cpu lock. The pending writer blocks memory hotplug's read of the cpu lock while it waits for
 * slab's read to drain, and slab waits for memory hotplug's write: a three-task cycle.
 *
 * <p>The verdict comes from "a pending writer blocks new readers" (rule (a)): without it memory
 * hotplug's read would get in and the cycle could not close. {@link PercpuHotplugConsistentOrder}
 * is the patched order.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L7-L12 (reverse lock order), L178 (stop_machine)")
public class PercpuHotplugInversion {
  final PercpuRwSemaphore cpuHotplug = new PercpuRwSemaphore("cpu_hotplug_lock");
  final PercpuRwSemaphore memHotplug = new PercpuRwSemaphore("mem_hotplug_lock");

  @Task("memory_offline")
  void memoryOffline() {
    memHotplug.downWrite(); // mem_hotplug_begin()
    cpuHotplug.downRead(); // stop_machine() -> cpus_read_lock()
    cpuHotplug.upRead();
    memHotplug.upWrite(); // mem_hotplug_done()
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
    cpuHotplug.downWrite(); // cpus_write_lock()
    cpuHotplug.upWrite();
  }
}
