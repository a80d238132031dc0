package basics;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.NotifierChain;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * A blocking notifier callback runs with the chain's rwsem held for read, so every lock it takes
 * nests inside {@code (memory_chain).rwsem}. Registering on the chain while holding that lock is
 * the reverse order: the registration's {@code down_write} waits for the caller's read side,
 * which waits (in the callback) for the registrar's lock. The shape of seed 000's
 * ksm_memory_callback discussion, reduced to two tasks.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 4.9 (blocking notifier chains); seeds 000 (memory_chain)")
public class NotifierCallbackLockInversion {
  static final long MEM_GOING_OFFLINE = 2;

  final NotifierChain memoryChain = new NotifierChain("memory_chain");
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");

  NotifierChain.Callback ksmCallback;

  @Task("ksm_init")
  void init() {
    ksmThreadMutex.lock();
    ksmCallback = memoryChain.register(action -> { // register_hotmemory_notifier() under the mutex
      ksmThreadMutex.lock(); //                      ksm_memory_callback(): mutex_lock(&ksm_thread_mutex)
      ksmThreadMutex.unlock();
      return NotifierChain.NOTIFY_OK;
    });
    ksmThreadMutex.unlock();
  }

  @Task("memory_offline")
  void offline() {
    memoryChain.call(MEM_GOING_OFFLINE); // memory_notify(MEM_GOING_OFFLINE)
  }

  @Task("second_register")
  void secondRegister() {
    ksmThreadMutex.lock();
    memoryChain.register(action -> NotifierChain.NOTIFY_OK);
    ksmThreadMutex.unlock();
  }
}
