package golden;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.Srcu;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * An SRCU reader takes a mutex that the updater holds around synchronize_srcu(): a real deadlock,
 * which lockdep reports since 6.4 (lock_sync) with a sync( line, and could not see before.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 4.10 (ABBA through another lock)")
public class SrcuMutexInversion {
  final Srcu srcu = new Srcu("&mmn->srcu");
  final Mutex lock = new Mutex("&kvm->lock");

  @Task("reader")
  void reader() {
    int idx = srcu.readLock();
    lock.lock();
    lock.unlock();
    srcu.readUnlock(idx);
  }

  @Task("updater")
  void updater() {
    lock.lock();
    srcu.synchronize();
    lock.unlock();
  }
}
