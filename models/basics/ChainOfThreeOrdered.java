package basics;

import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@link ChainOfThreeDeadlock} with T3 taking a before c, as a global order a, b, c demands: the
 * chain no longer closes, and exhaustive exploration proves the three tasks always finish.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "lockdep.md 1.2 (\"Chain exists of:\" for cycles of three or more classes)")
public class ChainOfThreeOrdered {
  final Mutex a = new Mutex("a");
  final Mutex b = new Mutex("b");
  final Mutex c = new Mutex("c");

  @Task("T1")
  void t1() {
    a.lock();
    b.lock();
    b.unlock();
    a.unlock();
  }

  @Task("T2")
  void t2() {
    b.lock();
    c.lock();
    c.unlock();
    b.unlock();
  }

  @Task("T3")
  void t3() {
    a.lock();
    c.lock();
    c.unlock();
    a.unlock();
  }
}
