package memhotplug;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-C, a constraint the patch creates and does not discuss (the scenario report's own
 * analysis, not the thread's): the home-brewed construct let the writer read its own lock, since
 * {@code get_online_mems()} returned at once when {@code mem_hotplug.active_writer == current}
 * (003:L96-L97). The percpu rwsem has no such escape, so any {@code get_online_mems()} reached
 * between {@code mem_hotplug_begin()} and {@code mem_hotplug_done()} now waits for itself. No
 * such caller is named in the thread or the report; this model states the rule a future one
 * would break.
 *
 * <p>Verdict DEADLOCK, from one rule: <b>a percpu-rwsem reader waits while a writer holds it</b>,
 * the writer being the same task. Lockdep CYCLE: "possible recursive locking detected" on {@code
 * mem_hotplug_lock} (a read while it is held for write).
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L73-L76, L93-L97 (the active_writer escape the patch"
        + " removes), L139-L140; scenario report 003-C")
public class GetOnlineMemsInsideMemHotplugBegin {
  final CpuHotplug cpus = new CpuHotplug(2);
  final PercpuRwSemaphore memHotplugLock = new PercpuRwSemaphore("mem_hotplug_lock");

  /** A memory hotplug operation whose callee calls get_online_mems(). */
  @Task("memory_offline")
  void memoryOffline() {
    cpus.cpusReadLock();        // mem_hotplug_begin(): cpus_read_lock();
    memHotplugLock.downWrite(); // percpu_down_write(&mem_hotplug_lock);
    memHotplugLock.downRead();  // get_online_mems(): percpu_down_read(&mem_hotplug_lock)
    memHotplugLock.upRead();    // put_online_mems()
    memHotplugLock.upWrite();   // mem_hotplug_done(): percpu_up_write(&mem_hotplug_lock);
    cpus.cpusReadUnlock();      // cpus_read_unlock();
  }
}
