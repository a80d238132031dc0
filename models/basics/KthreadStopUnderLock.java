package basics;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Kthread;
import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@code kthread_stop()} waits for the thread to exit, so calling it while holding a lock that the
 * thread takes before its next {@code kthread_should_stop()} check deadlocks; lockdep cannot see
 * the wait (lockdep.md 4.12). ksmd takes {@code ksm_thread_mutex} in every iteration of its loop.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.NO_CYCLE,
    source = "lockdep.md 4.12 (kthread_stop); 001_803000348cbfa086.txt:L3613 (kthread_stop of ksmd)")
public class KthreadStopUnderLock {
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");

  void ksmScanThread() {
    while (!Kernel.kthreadShouldStop()) {
      ksmThreadMutex.lock();
      ksmThreadMutex.unlock();
      Kernel.scheduleTimeout(20);
    }
  }

  @Task("ksm_init")
  void init() {
    Kthread ksmd = Kernel.kthreadRun("ksmd", this::ksmScanThread);
    ksmThreadMutex.lock();
    ksmd.stop(); // kthread_stop() with the mutex held: ksmd may be waiting for it
    ksmThreadMutex.unlock();
  }
}
