package ksmhotremove;

import org.lockmc.kernel.BitWord;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.NotifierChain;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 000-B, PATCH 11/11 as merged: "give up on holding ksm_thread_mutex itself from
 * MEM_GOING_OFFLINE to MEM_OFFLINE, and add a KSM_RUN_OFFLINE flag, and wait_while_offlining()
 * checks, to achieve the same lockout without being caught by lockdep" (000:L700-L702). The
 * callbacks set and clear bit 2 of {@code ksm_run} under {@code ksm_thread_mutex} and release it at
 * once; ksmd, holding the mutex, waits (mutex dropped) while the bit is set.
 *
 * <p>Lockdep NO_CYCLE: only {@code (memory_chain).rwsem -> ksm_thread_mutex} is recorded (by both
 * callbacks); the offline no longer holds the mutex when it calls the chain again. The lockout is
 * now a bit wait, which lockdep cannot see (lockdep.md 4.12).
 *
 * <p>Verdict SAFE, with the lockout of seed 000-C checked in {@link #ksmDoScan}: ksmd never scans
 * the stable tree while memory is going offline. Two steps make it: <b>{@code
 * wait_while_offlining()} re-tests the flag under the mutex before every scan</b> (without it:
 * {@link KsmOfflineWithoutLockout}, VIOLATION) and <b>{@code wake_up_bit()} after clearing it</b>
 * (without it: {@link KsmRunOfflineFlagNoWakeUp}, HANG). The {@code smp_mb()} before the wake-up
 * (000:L788) guards against a reordering of the clear and {@code waitqueue_active()} that lockmc's
 * sequentially consistent executions cannot produce, so it is a comment here.
 *
 * <p>Simplified: one pass of ksmd's loop stands for every stable-tree user that takes the mutex
 * ({@code run_store} and {@code merge_across_nodes_store} call {@code wait_while_offlining()} the
 * same way, scenario report 000-B); one hot-remove ({@code mem_hotplug_mutex} serialises them, as
 * in {@link KsmThreadMutexLockNested}); no {@code MEM_CANCEL_OFFLINE} path.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "000_dc40f25e1989db5f.txt:L693-L702, L714-L732 (ksm_run, ksmd), L736-L751"
        + " (wait_while_offlining), L756-L793 (ksm_memory_callback)")
public class KsmRunOfflineFlag {
  static final long MEM_GOING_OFFLINE = 1 << 1;
  static final long MEM_OFFLINE = 1 << 2;
  static final long KSM_RUN_MERGE = 1;
  static final long KSM_RUN_OFFLINE = 4;
  static final int KSM_RUN_OFFLINE_BIT = 2; // ilog2(KSM_RUN_OFFLINE)

  final Mutex memHotplugMutex = new Mutex("mem_hotplug_mutex");
  final Mutex pmMutex = new Mutex("pm_mutex");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  /** static unsigned long ksm_run: "int -> unsigned long because wait_on_bit needs a word". */
  final BitWord ksmRun = new BitWord("ksm_run", KSM_RUN_MERGE);
  /** ksm_init(): hotplug_memory_notifier(ksm_memory_callback, KSM_CALLBACK_PRI), at boot. */
  final NotifierChain memoryChain = new NotifierChain("memory_chain", this::ksmMemoryCallback);
  /** Ranges whose struct pages may vanish while the stable tree still points into them. */
  int rangesGoingOffline;

  /** ksm_memory_callback(), run by the chain under down_read(&memory_chain.rwsem). */
  int ksmMemoryCallback(long action) {
    if (action == MEM_GOING_OFFLINE) {
      ksmThreadMutex.lock();          // mutex_lock(&ksm_thread_mutex);
      ksmRun.or(KSM_RUN_OFFLINE);     // ksm_run |= KSM_RUN_OFFLINE;
      ksmThreadMutex.unlock();        // mutex_unlock(&ksm_thread_mutex);
    } else if (action == MEM_OFFLINE) {
      rangesGoingOffline--;           // ksm_check_stable_tree(start_pfn, end_pfn), no mutex
      ksmThreadMutex.lock(); // fallthrough to MEM_CANCEL_OFFLINE: mutex_lock(&ksm_thread_mutex);
      ksmRun.andNot(KSM_RUN_OFFLINE); // ksm_run &= ~KSM_RUN_OFFLINE;
      ksmThreadMutex.unlock();        // mutex_unlock(&ksm_thread_mutex);
      // smp_mb(); wake_up_bit(&ksm_run, ilog2(KSM_RUN_OFFLINE));
      ksmRun.wakeUpBit(KSM_RUN_OFFLINE_BIT);
    }
    return NotifierChain.NOTIFY_OK;
  }

  /** wait_while_offlining(), called with ksm_thread_mutex held. */
  void waitWhileOfflining() {
    while ((ksmRun.get() & KSM_RUN_OFFLINE) != 0) { // while (ksm_run & KSM_RUN_OFFLINE) {
      ksmThreadMutex.unlock();                      // mutex_unlock(&ksm_thread_mutex);
      // wait_on_bit(&ksm_run, ilog2(KSM_RUN_OFFLINE), just_wait, TASK_UNINTERRUPTIBLE);
      ksmRun.waitOnBit(KSM_RUN_OFFLINE_BIT);
      ksmThreadMutex.lock();                        // mutex_lock(&ksm_thread_mutex);
    }
  }

  /** ksm_do_scan() -> get_ksm_page(): reads the struct page of every stable node it visits. */
  void ksmDoScan() {
    Kernel.check(rangesGoingOffline == 0,
        "get_ksm_page() touched a struct page of memory going offline (000:L693-L698)");
  }

  /** echo offline > /sys/devices/system/memory/memoryN/state: offline_pages(). */
  @Task("memory_offline")
  void memoryOffline() {
    memHotplugMutex.lock();        // lock_memory_hotplug(): mutex_lock(&mem_hotplug_mutex)
    pmMutex.lock();                // ... lock_system_sleep()
    memoryChain.call(MEM_GOING_OFFLINE); // memory_notify(MEM_GOING_OFFLINE)
    rangesGoingOffline++;          // isolate and migrate the range: its struct pages may vanish
    memoryChain.call(MEM_OFFLINE); // memory_notify(MEM_OFFLINE)
    pmMutex.unlock();              // unlock_memory_hotplug()
    memHotplugMutex.unlock();
  }

  /** One pass of ksm_scan_thread() (000:L727-L732). */
  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock();                     // mutex_lock(&ksm_thread_mutex);
    waitWhileOfflining();                      // wait_while_offlining();
    if ((ksmRun.get() & KSM_RUN_MERGE) != 0) { // if (ksmd_should_run())
      ksmDoScan();                             // ksm_do_scan(ksm_thread_pages_to_scan);
    }
    ksmThreadMutex.unlock();                   // mutex_unlock(&ksm_thread_mutex);
  }

  /** Any register_memory_notifier() caller, such as a driver's module_init. */
  @Task("modprobe")
  void modprobe() {
    memoryChain.register(action -> NotifierChain.NOTIFY_OK); // down_write(&memory_chain.rwsem)
  }
}
