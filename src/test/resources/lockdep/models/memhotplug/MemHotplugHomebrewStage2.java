package memhotplug;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-A in linux-next of June 2017 (stand-in until the library's memhotplug models exist):
 * cpu hotplug is already a percpu rwsem, memory hotplug still the home-brewed construct whose
 * writer keeps its inner mutex (mem_hotplug.lock#2 in the splat) for the whole operation. Memory
 * online calls stop_machine() -> cpus_read_lock() under it; kmem_cache_create() takes the cpu
 * lock, then get_online_mems(). A pending cpu hotplug writer closes the cycle. (The construct's
 * recursive-read lockdep map is left out: it stored no dependency before 5.10.)
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "seeds-000-002-003-004-scenarios.md 003-A, appendix A.2")
public class MemHotplugHomebrewStage2 {
  final PercpuRwSemaphore cpuHotplugLock = new PercpuRwSemaphore("cpu_hotplug_lock");
  final Mutex memoryAddRemoveLock = new Mutex("memory_add_remove_lock");
  final Mutex memHotplugLock = new Mutex("mem_hotplug.lock");
  final Mutex zonelistsMutex = new Mutex("zonelists_mutex");

  @Task("kworker/u8:0")
  void onlinePages() {
    memoryAddRemoveLock.lock(); //  mem_hotplug_begin()
    memHotplugLock.lock(); //       ... keeps mem_hotplug.lock once refcount is 0
    zonelistsMutex.lock(); //       online_pages()
    cpuHotplugLock.downRead(); //   build_all_zonelists() -> stop_machine() -> cpus_read_lock()
    cpuHotplugLock.upRead();
    zonelistsMutex.unlock();
    memHotplugLock.unlock(); //     mem_hotplug_done()
    memoryAddRemoveLock.unlock();
  }

  @Task("kmem_cache_create")
  void kmemCacheCreate() {
    cpuHotplugLock.downRead(); //   get_online_cpus()
    memHotplugLock.lock(); //       get_online_mems(): refcount++
    memHotplugLock.unlock();
    cpuHotplugLock.upRead(); //     put_online_cpus()
  }

  @Task("cpu_down")
  void cpuDown() {
    cpuHotplugLock.downWrite(); //  cpus_write_lock()
    cpuHotplugLock.upWrite();
  }
}
