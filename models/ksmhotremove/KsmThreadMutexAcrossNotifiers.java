package ksmhotremove;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.NotifierChain;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 000-A as KOSAKI Motohiro reported it against 2.6.36 (scenario report, Appendix A.1):
 * {@code ksm_memory_callback(MEM_GOING_OFFLINE)} takes {@code ksm_thread_mutex} inside the
 * notifier chain's {@code down_read} and keeps it until {@code ksm_memory_callback(MEM_OFFLINE)},
 * which the chain calls under a second {@code down_read}. Hugh Dickins, 000:L683-L688: "first the
 * mutex is taken while holding the rwsem, then later the rwsem is taken while still holding the
 * mutex; but is not in fact a problem because mem_hotplug_mutex is held throughout the dance."
 *
 * <p>Lockdep: {@code (memory_chain).rwsem -> ksm_thread_mutex} (GOING_OFFLINE) and {@code
 * ksm_thread_mutex -> (memory_chain).rwsem} (OFFLINE) close a two-class cycle: the 2010 splat.
 *
 * <p>Verdict SAFE, from one step: <b>{@code pm_mutex} ({@code lock_system_sleep()}, the 2010
 * outer lock; {@code mem_hotplug_mutex} in 2013) is held around both notifier calls</b>, so the
 * only task that takes {@code ksm_thread_mutex} inside the rwsem is the one already holding it.
 * Readers do not block readers, the registration ({@code modprobe}) waits only for readers that
 * are not stuck, and ksmd holds no rwsem. {@link KsmThreadMutexWithoutOuterMutex} removes that
 * step and deadlocks. The check in {@link #ksmDoScan} is seed 000-C: while memory goes offline
 * ksmd must not touch the stable tree, and the held mutex guarantees it.
 *
 * <p>Simplified: one pass of ksmd's loop; no {@code MEM_CANCEL_OFFLINE} path (it unlocks like
 * {@code MEM_OFFLINE}); the sysfs locks of the splat ({@code &buffer->mutex}, {@code s_active},
 * {@code &mem->state_mutex}) are left out, as they are outside the cycle.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE,
    source = "000_dc40f25e1989db5f.txt:L681-L688, L693-L698; scenario report 000-A and"
        + " Appendix A.1 (the 2.6.36 splat)")
public class KsmThreadMutexAcrossNotifiers {
  static final long MEM_GOING_OFFLINE = 1 << 1;
  static final long MEM_OFFLINE = 1 << 2;

  final Mutex pmMutex = new Mutex("pm_mutex");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  /** ksm_init(): hotplug_memory_notifier(ksm_memory_callback, 100), at boot. */
  final NotifierChain memoryChain = new NotifierChain("memory_chain", this::ksmMemoryCallback);
  /** Ranges whose struct pages may vanish while the stable tree still points into them. */
  int rangesGoingOffline;

  /** ksm_memory_callback(), run by the chain under down_read(&memory_chain.rwsem). */
  int ksmMemoryCallback(long action) {
    if (action == MEM_GOING_OFFLINE) {
      ksmThreadMutex.lock();   // mutex_lock(&ksm_thread_mutex): kept until MEM_OFFLINE
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

  /** echo offline > /sys/devices/system/memory/memoryN/state: remove_memory(). */
  @Task(value = "memory_offline", instances = 2)
  void memoryOffline(int block) {
    pmMutex.lock();                // lock_system_sleep()
    memoryChain.call(MEM_GOING_OFFLINE); // memory_notify(MEM_GOING_OFFLINE)
    rangesGoingOffline++;          // isolate and migrate the range: its struct pages may vanish
    memoryChain.call(MEM_OFFLINE); // memory_notify(MEM_OFFLINE): down_read, ksm_thread_mutex held
    pmMutex.unlock();              // unlock_system_sleep()
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
