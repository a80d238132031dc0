package basics;

import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * A cycle through three locks and three tasks: T1 takes a then b, T2 b then c, T3 c then a. No
 * two tasks invert a pair, so a review that looks at pairs misses it; lockdep's graph sees the
 * chain {@code a --> b --> c --> a} ("Chain exists of:"). It deadlocks when each task holds its
 * first lock.
 *
 * <p>DPOR needs an order of magnitude fewer executions than exhaustive exploration here: most
 * pairs of steps touch different locks and commute.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 1.2 (\"Chain exists of:\" for cycles of three or more classes)")
public class ChainOfThreeDeadlock {
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
    c.lock();
    a.lock(); // closes the chain a -> b -> c -> a
    a.unlock();
    c.unlock();
  }
}
