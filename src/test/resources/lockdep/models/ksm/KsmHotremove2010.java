package ksm;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 000-A as in 2.6.36 (stand-in until the library's ksmhotremove models exist): memory
 * hot-remove takes ksm_thread_mutex in the MEM_GOING_OFFLINE callback, under the notifier chain's
 * down_read, and keeps it across the MEM_OFFLINE call of the chain. pm_mutex is held around the
 * whole operation, so the inversion never deadlocks: lockdep's 2010 report is a false positive.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE,
    source = "seeds-000-002-003-004-scenarios.md 000-A, appendix A.1")
public class KsmHotremove2010 {
  final Mutex pmMutex = new Mutex("pm_mutex");
  final RwSemaphore memoryChain = new RwSemaphore("(memory_chain).rwsem");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");

  @Task(value = "bash", instances = 2)
  void removeMemory(int i) {
    pmMutex.lock(); //                  lock_system_sleep()
    memoryChain.downRead(); //          memory_notify(MEM_GOING_OFFLINE)
    ksmThreadMutex.lock(); //           ksm_memory_callback(): held until MEM_OFFLINE
    memoryChain.upRead();
    memoryChain.downRead(); //          memory_notify(MEM_OFFLINE), ksm_thread_mutex held
    ksmThreadMutex.unlock(); //         ksm_memory_callback(MEM_OFFLINE)
    memoryChain.upRead();
    pmMutex.unlock(); //                unlock_system_sleep()
  }

  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock(); //           ksm_scan_thread()
    ksmThreadMutex.unlock();
  }

  @Task("register")
  void register() {
    memoryChain.downWrite(); //         register_memory_notifier()
    memoryChain.upWrite();
  }
}
