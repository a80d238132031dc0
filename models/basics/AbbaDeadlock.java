package basics;

import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * The textbook inversion: A takes a then b, B takes b then a. When each has taken its first lock,
 * each waits for the other's: a two-task cycle in the wait-for graph.
 *
 * <p>Run it: {@code ./lockmc check basics.AbbaDeadlock}. The counterexample shows the interleaving
 * (A takes a, B takes b) and both tasks blocked; {@link AbbaFixedOrder} is the fix.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "Documentation/locking/lockdep-design.rst (lock-class order)")
public class AbbaDeadlock {
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
    b.lock();
    a.lock(); // inverted order: a is taken under b here, b under a in task A
    a.unlock();
    b.unlock();
  }
}
