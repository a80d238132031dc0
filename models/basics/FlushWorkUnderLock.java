package basics;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.Work;
import org.lockmc.kernel.Workqueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@code flush_work()} waits for the work's kworker, so flushing a work while holding a lock the
 * work takes deadlocks once the work is running and waiting for that lock. Lockdep sees it through
 * the {@code (work_completion)} map: the kworker holds it around the work function, {@code
 * flush_work} acquires it under the caller's lock (lockdep.md 3.5).
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 3.5 (workqueue annotations), 4.13")
public class FlushWorkUnderLock {
  final Workqueue events = new Workqueue("events");
  final Mutex configLock = new Mutex("config_mutex");
  final Work refresh = new Work(events, "refresh_work", () -> {
    configLock.lock(); //   refresh_work_fn(): mutex_lock(&config_mutex)
    configLock.unlock();
  });

  @Task("writer")
  void writer() {
    events.queueWork(refresh); // queue_work(system_wq, &refresh_work)
    configLock.lock();
    refresh.flushWork(); //      flush_work() under config_mutex
    configLock.unlock();
  }
}
