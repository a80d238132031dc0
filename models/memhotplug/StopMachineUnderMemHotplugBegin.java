package memhotplug;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-C, the first recursion hazard of step 2: {@link PercpuRwsemPatchedOrder} with {@code
 * build_all_zonelists()} still calling {@code stop_machine()}, which takes {@code
 * cpus_read_lock()} although {@code mem_hotplug_begin()} already holds it. Step 2 of the patch
 * (003:L25-L27): "Lock the online cpus in mem_hotplug_begin() before taking the memory hotplug
 * rwsem and use stop_machine_cpuslocked() in the page_alloc code [...] to avoid recursive
 * locking" (the hunk 003:L174-L179).
 *
 * <p>Verdict DEADLOCK, from one rule: <b>a pending percpu-rwsem writer blocks every new reader,
 * including a task that already holds it for read</b> (lockdep.md 4.4). memory_online reads the
 * cpu lock; cpu_down's write pends and waits for that read to drain; memory_online's second read
 * waits behind the pending write. Switching the rule off (the test does) makes it SAFE; so does
 * {@code stop_machine_cpuslocked()}, the patch's step.
 *
 * <p>Lockdep CYCLE: "possible recursive locking detected" on {@code cpu_hotplug_lock}, whose reads
 * are non-recursive ({@code read == 1}).
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L25-L27, L139-L140, L174-L179")
public class StopMachineUnderMemHotplugBegin {
  final CpuHotplug cpus = new CpuHotplug(2);
  final PercpuRwSemaphore memHotplugLock = new PercpuRwSemaphore("mem_hotplug_lock");
  final Mutex zonelistsMutex = new Mutex("zonelists_mutex");

  /** kworker: acpi_hotplug_work_fn() -> add_memory() -> online_memory_block() -> online_pages(). */
  @Task("memory_online")
  void memoryOnline() {
    cpus.cpusReadLock();         // mem_hotplug_begin(): cpus_read_lock();
    memHotplugLock.downWrite();  // percpu_down_write(&mem_hotplug_lock);
    zonelistsMutex.lock();       // online_pages(): mutex_lock(&zonelists_mutex)
    cpus.stopMachine(() -> { }); // build_all_zonelists(): stop_machine(): cpus_read_lock() again
    zonelistsMutex.unlock();
    memHotplugLock.upWrite();    // mem_hotplug_done(): percpu_up_write(&mem_hotplug_lock);
    cpus.cpusReadUnlock();       // cpus_read_unlock();
  }

  /** cpu_down(1): cpu_maps_update_begin(); cpus_write_lock(); ... */
  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
