package ksm2009;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Kthread;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.WaitQueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * S1, after "[PATCH 5/12] ksm: keep quiet while list empty": ksmd takes {@code
 * ksm_thread_mutex} first and tests {@code ksmd_should_run()} under it ("And move the mutex_lock
 * out around it" [T L1131]), so the test and the scan are atomic with respect to {@code run_store}, which
 * changes {@code ksm_run} only under the same mutex. The second, unlocked {@code
 * ksmd_should_run()} only chooses between a timed sleep and a wait on {@code ksm_thread_wait}.
 *
 * <p>SAFE by mutual exclusion: every schedule either runs run_store's critical section before
 * ksmd's (ksmd then sees STOP under the mutex and does not scan) or after it (the scan happens
 * while ksm_run is still MERGE). {@link KsmRunReadOutsideMutex} is the code before the patch; a
 * test moves the test of ksm_run back out of the mutex in this model and gets its VIOLATION.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L1147-L1149 (ksmd_should_run), L1156-L1173"
        + " (ksm_scan_thread, '+' lines), L1960-L1964 (run_store), L1131-L1133")
public class KsmRunCheckedUnderMutex {
  static final int KSM_RUN_STOP = 0;
  static final int KSM_RUN_MERGE = 1;

  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  final WaitQueue ksmThreadWait = new WaitQueue("ksm_thread_wait");
  /** {@code static unsigned int ksm_run}: written by run_store under ksm_thread_mutex. */
  int ksmRun = KSM_RUN_MERGE;

  /** ksm_do_scan(): merging pages is only allowed while ksm_run says MERGE. */
  void ksmDoScan() {
    Kernel.check((ksmRun & KSM_RUN_MERGE) != 0,
        "ksm_do_scan() merged pages after run_store set ksm_run to KSM_RUN_STOP");
  }

  /**
   * ksmd_should_run(): {@code (ksm_run & KSM_RUN_MERGE) && !list_empty(&ksm_mm_head.mm_list)};
   * the mm list stays non-empty in this model, so only ksm_run matters.
   */
  boolean ksmdShouldRun() {
    return (ksmRun & KSM_RUN_MERGE) != 0;
  }

  /** ksm_scan_thread(), as 5/12 left it. */
  void ksmScanThread() {
    while (!Kernel.kthreadShouldStop()) {
      ksmThreadMutex.lock(); //                        mutex_lock(&ksm_thread_mutex);
      if (ksmdShouldRun()) { //                        if (ksmd_should_run())
        ksmDoScan(); //                                    ksm_do_scan(ksm_thread_pages_to_scan);
      }
      ksmThreadMutex.unlock(); //                      mutex_unlock(&ksm_thread_mutex);
      if (ksmdShouldRun()) { //                        if (ksmd_should_run())  -- unlocked: picks the sleep
        Kernel.scheduleTimeout(20); //                     schedule_timeout_interruptible(...);
      } else {
        ksmThreadWait.waitEventInterruptible(() -> //  else wait_event_interruptible(ksm_thread_wait,
            ksmdShouldRun() || Kernel.kthreadShouldStop()); //  ksmd_should_run() || kthread_should_stop());
      }
    }
  }

  /** ksm_init() starts ksmd; the module's exit stops it again. */
  @Task("ksm_init")
  void init() {
    Kthread ksmd = Kernel.kthreadRun("ksmd", this::ksmScanThread); // kthread_run(ksm_scan_thread, NULL, "ksmd")
    ksmd.stop(); //                                                    kthread_stop(ksm_thread)
  }

  /** echo 0 > /sys/kernel/mm/ksm/run. */
  @Task("run_store")
  void runStore() {
    ksmThreadMutex.lock(); //                 mutex_lock(&ksm_thread_mutex);
    if (ksmRun != KSM_RUN_STOP) { //          if (ksm_run != flags) {
      ksmRun = KSM_RUN_STOP; //                    ksm_run = flags;
    }
    ksmThreadMutex.unlock(); //               mutex_unlock(&ksm_thread_mutex);
  }
}
