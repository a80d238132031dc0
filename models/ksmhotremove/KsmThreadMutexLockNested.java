package ksmhotremove;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.NotifierChain;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 000-A as PATCH 11/11 found it (3.6 to 3.8, the code its '-' lines remove): KOSAKI's 2010
 * annotation {@code mutex_lock_nested(&ksm_thread_mutex, SINGLE_DEPTH_NESTING)} (000:L773) and
 * {@code lock_memory_hotplug()}, which takes {@code mem_hotplug_mutex} and then {@code pm_mutex}.
 * Hugh Dickins, 000:L690-L691: "There was an attempt to fix this with mutex_lock_nested(); but if
 * that happened to fool lockdep two years ago, apparently it does so no longer."
 *
 * <p>Lockdep CYCLE: the subclass only renames the class taken in the callback to {@code
 * ksm_thread_mutex/1}; both edges run through that class ({@code (memory_chain).rwsem ->
 * ksm_thread_mutex/1} at GOING_OFFLINE, {@code ksm_thread_mutex/1 -> (memory_chain).rwsem} at
 * OFFLINE), so the cycle stays: the 2012 splat (lockdep.md 1.10-E). A subclass silences nesting
 * of one class inside itself, never a cycle across two classes.
 *
 * <p>Verdict SAFE, from the same step as {@link KsmThreadMutexAcrossNotifiers}: <b>{@code
 * mem_hotplug_mutex} is held throughout the dance</b> (000:L687-L688; the old comment,
 * 000:L765-L766: "that's safe because both are inside mem_hotplug_mutex"). The annotation changes
 * nothing at run time. {@link KsmThreadMutexWithoutOuterMutex} is this model without {@code
 * lock_memory_hotplug()}.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE,
    source = "000_dc40f25e1989db5f.txt:L681-L691, L760-L766, L773; lockdep.md 1.10-E (3.6 splat)")
public class KsmThreadMutexLockNested {
  static final long MEM_GOING_OFFLINE = 1 << 1;
  static final long MEM_OFFLINE = 1 << 2;
  static final int SINGLE_DEPTH_NESTING = 1;

  final Mutex memHotplugMutex = new Mutex("mem_hotplug_mutex");
  final Mutex pmMutex = new Mutex("pm_mutex");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  /** ksm_init(): hotplug_memory_notifier(ksm_memory_callback, KSM_CALLBACK_PRI), at boot. */
  final NotifierChain memoryChain = new NotifierChain("memory_chain", this::ksmMemoryCallback);
  /** Ranges whose struct pages may vanish while the stable tree still points into them. */
  int rangesGoingOffline;

  /** ksm_memory_callback(), run by the chain under down_read(&memory_chain.rwsem). */
  int ksmMemoryCallback(long action) {
    if (action == MEM_GOING_OFFLINE) {
      // mutex_lock_nested(&ksm_thread_mutex, SINGLE_DEPTH_NESTING)
      ksmThreadMutex.lockNested(SINGLE_DEPTH_NESTING);
    } else if (action == MEM_OFFLINE) {
      rangesGoingOffline--;    // prune the stable_nodes whose kpfn is in the range
      ksmThreadMutex.unlock(); // fallthrough to MEM_CANCEL_OFFLINE: mutex_unlock(&ksm_thread_mutex)
    }
    return NotifierChain.NOTIFY_OK;
  }

  /** ksm_do_scan() -> get_ksm_page(): reads the struct page of every stable node it visits. */
  void ksmDoScan() {
    Kernel.check(rangesGoingOffline == 0,
        "get_ksm_page() touched a struct page of memory going offline (000:L693-L698)");
  }

  /** echo offline > /sys/devices/system/memory/memoryN/state: offline_pages(). */
  @Task(value = "memory_offline", instances = 2)
  void memoryOffline(int block) {
    memHotplugMutex.lock();        // lock_memory_hotplug(): mutex_lock(&mem_hotplug_mutex)
    pmMutex.lock();                // ... lock_system_sleep()
    memoryChain.call(MEM_GOING_OFFLINE); // memory_notify(MEM_GOING_OFFLINE)
    rangesGoingOffline++;          // isolate and migrate the range: its struct pages may vanish
    memoryChain.call(MEM_OFFLINE); // memory_notify(MEM_OFFLINE): down_read, ksm_thread_mutex/1 held
    pmMutex.unlock();              // unlock_memory_hotplug()
    memHotplugMutex.unlock();
  }

  /** One pass of ksm_scan_thread(). */
  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock();   // mutex_lock(&ksm_thread_mutex)
    ksmDoScan();             // if (ksmd_should_run()) ksm_do_scan(...)
    ksmThreadMutex.unlock(); // mutex_unlock(&ksm_thread_mutex)
  }

  /** Any register_memory_notifier() caller, such as a driver's module_init. */
  @Task("modprobe")
  void modprobe() {
    memoryChain.register(action -> NotifierChain.NOTIFY_OK); // down_write(&memory_chain.rwsem)
  }
}
