package basics;

import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@link AbbaDeadlock} with one global order (a before b) in both tasks: no cycle can form, and
 * exhaustive exploration proves it.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "Documentation/locking/lockdep-design.rst (lock-class order)")
public class AbbaFixedOrder {
  final Mutex a = new Mutex("a");
  final Mutex b = new Mutex("b");

  @Task("A")
  void first() {
    a.lock();
    b.lock();
    b.unlock();
    a.unlock();
  }

  @Task("B")
  void second() {
    a.lock();
    b.lock();
    b.unlock();
    a.unlock();
  }
}
