package golden;

import org.lockmc.kernel.Mutex;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Two instances of one lock class (initialised at one site) taken in both orders without a
 * nesting annotation: lockdep sees recursive locking; the explorer sees the ABBA deadlock.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE, source = "lockmc test")
public class InodeMutexRecursion {
  final Mutex dir = new Mutex("&inode->i_mutex");
  final Mutex file = new Mutex("&inode->i_mutex");

  @Task("rename")
  void rename() {
    dir.lock();
    file.lock();
    file.unlock();
    dir.unlock();
  }

  @Task("unlink")
  void unlink() {
    file.lock();
    dir.lock();
    dir.unlock();
    file.unlock();
  }
}
