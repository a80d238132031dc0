package bench;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * A bigger model for measuring what the lockdep view costs: four tasks nest a mutex, an rwsem and
 * a spinlock in one consistent order, several times each, so that exploration runs tens of
 * thousands of executions with many acquisitions and no bug ({@code lockmc bench
 * src/test/resources/bench/LockdepBench.java}, with and without {@code --no-lockdep}).
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE, source = "lockmc benchmark")
public class LockdepBench {
  final Mutex outer = new Mutex("&sb->s_umount_mutex");
  final RwSemaphore sem = new RwSemaphore("&mm->mmap_lock");
  final SpinLock spin = new SpinLock("&zone->lock");
  final Mutex inner = new Mutex("&inode->i_rwsem");

  private void round(boolean write) {
    outer.lock();
    if (write) {
      sem.downWrite();
    } else {
      sem.downRead();
    }
    spin.lock();
    spin.unlock();
    if (write) {
      sem.upWrite();
    } else {
      sem.upRead();
    }
    outer.unlock();
  }

  @Task(value = "reader", instances = 2)
  void reader(int i) {
    round(false);
    inner.lock();
    inner.unlock();
    round(false);
  }

  @Task("writer")
  void writer() {
    round(true);
    inner.lock();
    sem.downRead();
    sem.upRead();
    inner.unlock();
  }

  @Task("walker")
  void walker() {
    inner.lock();
    spin.lock();
    spin.unlock();
    inner.unlock();
    round(false);
  }
}
