package golden;

import org.lockmc.kernel.Mutex;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/** A task returns holding a mutex; another unlocks a mutex it does not hold. */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE, source = "lockmc test")
public class LockMisuse {
  final Mutex held = new Mutex("&dev->mutex");
  final Mutex other = new Mutex("&dev->lock");

  @Task("probe")
  void probe() {
    held.lock();
  }

  @Task("remove")
  void remove() {
    other.unlock();
  }
}
