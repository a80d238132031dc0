package ksm;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 000-A without the outer mutex (hypothetical): two hot-removes and a notifier registration
 * close the inversion through the writer-fair rwsem. The same lockdep cycle is now a real
 * three-task deadlock.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "seeds-000-002-003-004-scenarios.md 000-A (hypothetical: remove mem_hotplug_mutex)")
public class KsmHotremoveNoOuterLock {
  final RwSemaphore memoryChain = new RwSemaphore("(memory_chain).rwsem");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");

  @Task(value = "bash", instances = 2)
  void offlinePages(int i) {
    memoryChain.downRead();
    ksmThreadMutex.lockNested(1);
    memoryChain.upRead();
    memoryChain.downRead();
    ksmThreadMutex.unlock();
    memoryChain.upRead();
  }

  @Task("register")
  void register() {
    memoryChain.downWrite();
    memoryChain.upWrite();
  }
}
