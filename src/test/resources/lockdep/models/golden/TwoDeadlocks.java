package golden;

import org.lockmc.kernel.BitWord;
import org.lockmc.kernel.Mutex;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Two independent deadlocks: a bit-wait lockout lockdep cannot see, found first, and an ABBA that
 * lockdep reports, confirmed by a later execution than the DEADLOCK counterexample.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE, source = "lockmc test")
public class TwoDeadlocks {
  final BitWord flags = new BitWord("flags");
  final Mutex m = new Mutex("m");
  final Mutex x = new Mutex("x");
  final Mutex y = new Mutex("y");

  @Task("setter")
  void setter() {
    flags.setBit(0);
    m.lock();
    m.unlock();
    flags.clearAndWakeUpBit(0);
  }

  @Task("waiter")
  void waiter() {
    m.lock();
    flags.waitOnBit(0);
    m.unlock();
  }

  @Task("xy")
  void xy() {
    x.lock();
    y.lock();
    y.unlock();
    x.unlock();
  }

  @Task("yx")
  void yx() {
    y.lock();
    x.lock();
    x.unlock();
    y.unlock();
  }
}
