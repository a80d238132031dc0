package basics;

import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Three tasks, each with its own mutex: nothing they do conflicts, so every interleaving is
 * equivalent and DPOR explores exactly one execution, where exhaustive exploration explores every
 * order of the operations (the six lock operations and each task's read of its array slot).
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE, source = "")
public class DisjointLocks {
  static final int TASKS = 3;
  final Mutex[] locks = new Mutex[TASKS];

  DisjointLocks() {
    for (int i = 0; i < TASKS; i++) {
      locks[i] = new Mutex("lock" + i);
    }
  }

  @Task(value = "worker", instances = TASKS)
  void worker(int i) {
    Mutex m = locks[i];
    m.lock();
    m.unlock();
  }
}
