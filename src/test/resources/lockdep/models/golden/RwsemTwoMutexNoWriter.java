package golden;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/** The same cycle with no writer: readers never wait, so the cycle cannot close. */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE, source = "lockmc test")
public class RwsemTwoMutexNoWriter {
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
}
