package basics;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * A task that waits for a reference count to drop to zero while it still holds a reference of its
 * own waits for itself; the other reference holders finishing does not help.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.NO_CYCLE,
    source = "seeds-000-002-003-004-scenarios.md (refcounts: mm_count pin)")
public class RefcountWaitWithOwnReference {
  final AtomicCounter mmCount = new AtomicCounter("mm->mm_count", 0);

  @Task("mmu_notifier_register")
  void register() {
    mmCount.inc(); //         mmgrab(mm)
    mmCount.waitUntilZero(); // waits for every mmdrop(), its own included
  }

  @Task("ksmd")
  void ksmd() {
    mmCount.inc();
    mmCount.dec();
  }
}
