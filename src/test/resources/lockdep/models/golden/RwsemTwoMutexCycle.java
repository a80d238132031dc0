package golden;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/** A three-class cycle through an rwsem and two mutexes, closed by a queued writer. */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE, source = "lockmc test")
public class RwsemTwoMutexCycle {
  final Mutex a = new Mutex("a_mutex");
  final Mutex b = new Mutex("b_mutex");
  final RwSemaphore sem = new RwSemaphore("&sb->s_umount");

  @Task("first")
  void first() {
    a.lock();
    sem.downRead();
    sem.upRead();
    a.unlock();
  }

  @Task("second")
  void second() {
    sem.downRead();
    b.lock();
    b.unlock();
    sem.upRead();
  }

  @Task("third")
  void third() {
    b.lock();
    a.lock();
    a.unlock();
    b.unlock();
  }

  @Task("writer")
  void writer() {
    sem.downWrite();
    sem.upWrite();
  }
}
