package mmunotifier;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-A, registration without {@code mm_lock()} (hypothetical, the race Andrea Arcangeli's
 * mm_lock closes, 004:L1871-L1879; scenario report 004-A "The race mm_lock prevents"): {@link
 * RegisterUnderMmLock} with {@code mmu_notifier_register()} taking only {@code mmap_sem} and the
 * notifier list's spinlock. A truncate does not hold {@code mmap_sem}.
 *
 * <p>Verdict VIOLATION, from the step this model removes: <b>registration takes every lock an
 * invalidate pair runs under</b>. Without it the truncate calls {@code range_start} while the list
 * is empty, KVM registers, and {@code range_end} reaches KVM unmatched: its count goes negative,
 * or, seen the other way, a secondary fault between the two calls finds the count at zero and maps
 * a page the truncate is freeing.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1871-L1879; scenario report 004-A (the race mm_lock"
        + " prevents)")
public class RegisterWithoutMmLock {
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final SpinLock iMmapLock = new SpinLock("&mapping->i_mmap_lock");
  final SpinLock mmnLock = new SpinLock("&mm->mmu_notifier_mm->lock");
  /** KVM's mmu_notifier is on mm->mmu_notifier_mm->list. */
  boolean registered;
  /** kvm->mmu_notifier_count: raised by range_start, lowered by range_end. */
  int mmuNotifierCount;

  /** mmu_notifier_invalidate_range_start(): calls every registered notifier's method. */
  void invalidateRangeStart() {
    if (registered) {
      mmuNotifierCount++; // kvm_mmu_notifier_invalidate_range_start(): kvm->mmu_notifier_count++
    }
  }

  /** mmu_notifier_invalidate_range_end(). */
  void invalidateRangeEnd() {
    if (registered) {
      Kernel.check(mmuNotifierCount > 0, "KVM got invalidate_range_end() without its _start():"
          + " the count goes negative, secondary faults map pages being freed (004:L1875-L1879)");
      mmuNotifierCount--; // kvm_mmu_notifier_invalidate_range_end(): kvm->mmu_notifier_count--
    }
  }

  /** kvm_arch_create_vm() -> mmu_notifier_register(&kvm->mmu_notifier, current->mm). */
  @Task("kvm")
  void kvm() {
    mmapSem.downWrite(); // down_write(&mm->mmap_sem);
    mmnLock.lock();      // spin_lock(&mm->mmu_notifier_mm->lock);
    registered = true;   // hlist_add_head(&mn->hlist, &mm->mmu_notifier_mm->list);
    mmnLock.unlock();    // spin_unlock(&mm->mmu_notifier_mm->lock);
    mmapSem.upWrite();   // up_write(&mm->mmap_sem);
  }

  /** truncate of a file the guest maps: unmap_mapping_range() -> unmap_vmas(). */
  @Task("vmtruncate")
  void vmtruncate() {
    iMmapLock.lock();       // spin_lock(&mapping->i_mmap_lock);
    invalidateRangeStart(); // mmu_notifier_invalidate_range_start(mm, start, end);
    //                         zap the ptes, free the pages
    invalidateRangeEnd();   // mmu_notifier_invalidate_range_end(mm, start, end);
    iMmapLock.unlock();     // spin_unlock(&mapping->i_mmap_lock);
  }
}
