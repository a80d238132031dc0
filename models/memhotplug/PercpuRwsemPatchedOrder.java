package memhotplug;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-A after the patch (merged as 3f906ba23689): {@code mem_hotplug_lock} is a percpu rwsem
 * (003:L60-L85), {@code mem_hotplug_begin()} takes {@code cpus_read_lock()} before it (003:L139-
 * L140, step 2 of 003:L25-L27), and {@code build_all_zonelists()} calls {@code
 * stop_machine_cpuslocked()} (003:L179), which does not take the cpu lock again.
 * {@code memory_add_remove_lock} is gone: {@code percpu_down_write} excludes writers itself.
 *
 * <p>Verdict SAFE, lockdep NO_CYCLE, from one step: <b>every task takes {@code cpu_hotplug_lock}
 * before {@code mem_hotplug_lock}</b>, memory online included, and none takes the cpu lock while
 * it holds the memory lock. cpu_down's pending write can still block a new reader, but no reader
 * that holds the memory lock ever asks for the cpu lock. {@link
 * HomebrewMemHotplugPercpuCpuHotplug} is the code before; {@link StopMachineUnderMemHotplugBegin}
 * is this model with {@code stop_machine()} left unconverted.
 *
 * <p>Names: {@code CpuHotplug} and this model use the 5.7+ class names {@code cpu_hotplug_lock}
 * and {@code mem_hotplug_lock}; 4.13 to 5.6 printed them with a {@code .rw_sem} suffix.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L20-L31, L60-L85, L124-L151, L174-L179")
public class PercpuRwsemPatchedOrder {
  final CpuHotplug cpus = new CpuHotplug(2);
  final PercpuRwSemaphore memHotplugLock = new PercpuRwSemaphore("mem_hotplug_lock");
  final Mutex zonelistsMutex = new Mutex("zonelists_mutex");

  /** kworker: acpi_hotplug_work_fn() -> add_memory() -> online_memory_block() -> online_pages(). */
  @Task("memory_online")
  void memoryOnline() {
    cpus.cpusReadLock();        // mem_hotplug_begin(): cpus_read_lock();
    memHotplugLock.downWrite(); // percpu_down_write(&mem_hotplug_lock);
    zonelistsMutex.lock();      // online_pages(): mutex_lock(&zonelists_mutex)
    // build_all_zonelists(): stop_machine_cpuslocked(__build_all_zonelists, pgdat, NULL)
    cpus.stopMachineCpusLocked(() -> { });
    zonelistsMutex.unlock();
    memHotplugLock.upWrite();   // mem_hotplug_done(): percpu_up_write(&mem_hotplug_lock);
    cpus.cpusReadUnlock();      // cpus_read_unlock();
  }

  /** kmem_cache_create() (mm/slab_common.c). */
  @Task("kmem_cache_create")
  void kmemCacheCreate() {
    cpus.cpusReadLock();       // get_online_cpus()
    memHotplugLock.downRead(); // get_online_mems(): percpu_down_read(&mem_hotplug_lock)
    memHotplugLock.upRead();   // ... mutex_lock(&slab_mutex) ... put_online_mems()
    cpus.cpusReadUnlock();     // put_online_cpus()
  }

  /** cpu_down(1): cpu_maps_update_begin(); cpus_write_lock(); ... */
  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
