package basics;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@code copy_to_user()} may fault, and a fault takes {@code mmap_sem} and may sleep: calling it
 * under a spinlock is "sleeping function called from invalid context" even when no fault happens,
 * which is what {@code might_fault()} ({@code __might_fault}) reports. It also records {@code
 * &mm->mmap_sem} for read in lockdep, without blocking.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "seeds-000-002-003-004-scenarios.md (page fault on user copy: __might_fault)")
public class MightFaultUnderSpinLock {
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final SpinLock statsLock = new SpinLock("ksm_stats_lock");

  @Task("pages_show")
  void show() {
    statsLock.lock();
    Kernel.mightFault(mmapSem); // copy_to_user() of the counters, under the spinlock
    statsLock.unlock();
  }
}
