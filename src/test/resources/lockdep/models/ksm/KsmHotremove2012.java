package ksm;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 000-A as in 3.6 (stand-in until the library's ksmhotremove models exist): the 2010 report
 * was "silenced" with mutex_lock_nested(&ksm_thread_mutex, SINGLE_DEPTH_NESTING), which only
 * renames the class to ksm_thread_mutex/1, so the 2012 report shows the same cycle.
 * lock_memory_hotplug() holds mem_hotplug_mutex (and pm_mutex) throughout: a false positive.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE,
    source = "seeds-000-002-003-004-scenarios.md 000-A; lockdep.md 1.10-E")
public class KsmHotremove2012 {
  static final int SINGLE_DEPTH_NESTING = 1;
  final Mutex memHotplugMutex = new Mutex("mem_hotplug_mutex");
  final Mutex pmMutex = new Mutex("pm_mutex");
  final RwSemaphore memoryChain = new RwSemaphore("(memory_chain).rwsem");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");

  @Task(value = "bash", instances = 2)
  void offlinePages(int i) {
    memHotplugMutex.lock(); //                         lock_memory_hotplug()
    pmMutex.lock(); //                                 lock_system_sleep()
    memoryChain.downRead(); //                         memory_notify(MEM_GOING_OFFLINE)
    ksmThreadMutex.lockNested(SINGLE_DEPTH_NESTING); // ksm_memory_callback()
    memoryChain.upRead();
    memoryChain.downRead(); //                         memory_notify(MEM_OFFLINE)
    ksmThreadMutex.unlock();
    memoryChain.upRead();
    pmMutex.unlock(); //                               unlock_memory_hotplug()
    memHotplugMutex.unlock();
  }

  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock();
    ksmThreadMutex.unlock();
  }

  @Task("register")
  void register() {
    memoryChain.downWrite();
    memoryChain.upWrite();
  }
}
