package golden;

import org.lockmc.kernel.BitWord;
import org.lockmc.kernel.Mutex;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * A KSM_RUN_OFFLINE-style lockout done wrong: ksmd waits on the bit while holding the mutex that
 * the offliner needs before it can clear the bit. A real deadlock lockdep cannot see.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.NO_CYCLE,
    source = "seeds-000-002-003-004-scenarios.md 000-B (wait_while_offlining without the unlock)")
public class BitWaitDeadlock {
  static final int KSM_RUN_OFFLINE = 2;
  final BitWord ksmRun = new BitWord("ksm_run");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");

  @Task("offline")
  void offline() {
    ksmRun.setBit(KSM_RUN_OFFLINE); //    MEM_GOING_OFFLINE
    ksmThreadMutex.lock(); //             MEM_OFFLINE
    ksmThreadMutex.unlock();
    ksmRun.clearAndWakeUpBit(KSM_RUN_OFFLINE);
  }

  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock();
    ksmRun.waitOnBit(KSM_RUN_OFFLINE); // wait_while_offlining(), mutex still held
    ksmThreadMutex.unlock();
  }
}
