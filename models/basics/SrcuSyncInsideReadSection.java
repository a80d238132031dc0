package basics;

import org.lockmc.kernel.Srcu;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * synchronize_srcu() waits for every read section of its domain that began before it, so calling
 * it from inside such a section waits for itself. This is the trap of seed 004's mmu notifier
 * protocol: a {@code ->release} (run under srcu_read_lock) that calls mmu_notifier_unregister
 * (which calls synchronize_srcu) never returns.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "seeds-000-002-003-004-scenarios.md 004-C (deadlock traps); lockdep.md 4.10")
public class SrcuSyncInsideReadSection {
  final Srcu srcu = new Srcu("&mmn->srcu");

  @Task("exit_mmap")
  void release() {
    int idx = srcu.readLock(); // __mmu_notifier_release: srcu_read_lock()
    srcu.synchronize(); //        ->release() -> mmu_notifier_unregister() -> synchronize_srcu()
    srcu.readUnlock(idx);
  }
}
