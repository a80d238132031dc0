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
 * S1, before "[PATCH 5/12] ksm: keep quiet while list empty": ksmd reads {@code ksm_run} before
 * taking {@code ksm_thread_mutex}, so a {@code run_store} ({@code echo 0 >
 * /sys/kernel/mm/ksm/run}) that stops KSM under the mutex can slip in between the test and the
 * scan: ksmd then scans and merges one more batch after being told to stop. Hugh Dickins: "the
 * new counts showed that when ksm_run is stopped, a little work often got done afterwards,
 * because it had been read before taking the mutex." [T L1131-L1133]
 *
 * <p>The verdict comes from a check-then-act race on a plain {@code int}: {@code ksm_run} is
 * written only under the mutex, so only a read made under it still holds when the scan starts.
 * {@code ksmRun} is an ordinary field, every read and write of it a scheduling point, and lockmc
 * finds the interleaving "ksmd reads MERGE; run_store locks, stores STOP, unlocks; ksmd locks and
 * scans". VIOLATION of the check that {@code ksm_do_scan()} runs only while {@code ksm_run} says
 * MERGE. No lock order is involved, so lockdep stays silent. {@link KsmRunCheckedUnderMutex} is
 * the patch.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L1152-L1173 (ksm_scan_thread, '-' lines), L1960-L1964"
        + " (run_store), L1131-L1133 (the observation)")
public class KsmRunReadOutsideMutex {
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

  /** ksm_scan_thread(), as it was before 5/12. */
  void ksmScanThread() {
    while (!Kernel.kthreadShouldStop()) {
      if ((ksmRun & KSM_RUN_MERGE) != 0) { //    if (ksm_run & KSM_RUN_MERGE) {  -- unlocked read
        ksmThreadMutex.lock(); //                      mutex_lock(&ksm_thread_mutex);
        ksmDoScan(); //                                ksm_do_scan(ksm_thread_pages_to_scan);
        ksmThreadMutex.unlock(); //                    mutex_unlock(&ksm_thread_mutex);
        Kernel.scheduleTimeout(20); //                 schedule_timeout_interruptible(...);
      } else {
        ksmThreadWait.waitEventInterruptible(() -> //  wait_event_interruptible(ksm_thread_wait,
            (ksmRun & KSM_RUN_MERGE) != 0 || Kernel.kthreadShouldStop()); // ... || kthread_should_stop());
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
