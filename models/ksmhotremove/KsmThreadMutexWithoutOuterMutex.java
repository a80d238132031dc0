package ksmhotremove;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.NotifierChain;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 000-A without the outer mutex (hypothetical: the thread never proposes it, the scenario
 * report works it out): {@link KsmThreadMutexLockNested} with {@code lock_memory_hotplug()}
 * removed, so two hot-removes overlap. The lockdep cycle is the same; now it is real.
 *
 * <p>Verdict DEADLOCK, from one rule: <b>a queued writer blocks new readers of an rw_semaphore</b>
 * (writer-fair rwsem, lockdep.md 4.3). {@code memory_offline/0} holds {@code ksm_thread_mutex/1}
 * between its two notifier calls; {@code memory_offline/1} is in its GOING_OFFLINE callback,
 * holding {@code (memory_chain).rwsem} for read and waiting for the mutex; {@code modprobe}'s
 * {@code down_write} queues behind that read hold; {@code memory_offline/0}'s {@code down_read}
 * for MEM_OFFLINE queues behind the writer. Without the rule the second reader would join the
 * first and release the mutex: the test switches it off and gets SAFE.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "000_dc40f25e1989db5f.txt:L681-L691, L773; scenario report 000-A"
        + " (\"Hypothetical: remove mem_hotplug_mutex\")")
public class KsmThreadMutexWithoutOuterMutex {
  static final long MEM_GOING_OFFLINE = 1 << 1;
  static final long MEM_OFFLINE = 1 << 2;
  static final int SINGLE_DEPTH_NESTING = 1;

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

  /** offline_pages() without lock_memory_hotplug(). */
  @Task(value = "memory_offline", instances = 2)
  void memoryOffline(int block) {
    memoryChain.call(MEM_GOING_OFFLINE); // memory_notify(MEM_GOING_OFFLINE)
    rangesGoingOffline++;          // isolate and migrate the range: its struct pages may vanish
    memoryChain.call(MEM_OFFLINE); // memory_notify(MEM_OFFLINE): down_read, ksm_thread_mutex/1 held
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
