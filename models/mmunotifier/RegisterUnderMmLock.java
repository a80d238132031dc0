package mmunotifier;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-A, what {@code mm_lock()} is for. Andrea Arcangeli, 004:L1875-L1879:
 * "mmu_notifier_register absolutely requires mm_lock to ensure that when the
 * kvm->arch.mmu_notifier_invalidate_range_count is zero [...] really no cpu is in the middle of
 * range_begin/end critical section. That's why we've to take all the mm locks." Every {@code
 * invalidate_range_start()}/{@code _end()} pair runs under one of the three core VM locks (here
 * {@code i_mmap_lock}, for a truncate: 004:L1799, L1826-L1827); registration takes them all.
 *
 * <p>Verdict SAFE, from one step: <b>{@code mmu_notifier_register()} holds every lock that any
 * start/end pair runs under</b>, so it happens before a pair or after it, never inside. KVM's
 * {@code range_start} raises its count and {@code range_end} lowers it; the check is that the
 * driver never sees an {@code _end} without its {@code _start}. {@link RegisterWithoutMmLock} is
 * registration without {@code mm_lock}. Lockdep NO_CYCLE: one order, {@code mmap_sem -> i_mmap_lock
 * -> mmu_notifier_mm->lock}. Simplified: the mm maps one file and no anonymous memory.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1875-L1879, L1797-L1801, L1824-L1828, L589-L597")
public class RegisterUnderMmLock {
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
    mmapSem.downWrite(); // mm_lock(): down_write(&mm->mmap_sem);
    iMmapLock.lock();    // ... spin_lock() every i_mmap_lock (and anon_vma lock)
    mmnLock.lock();      // spin_lock(&mm->mmu_notifier_mm->lock);
    registered = true;   // hlist_add_head(&mn->hlist, &mm->mmu_notifier_mm->list);
    mmnLock.unlock();    // spin_unlock(&mm->mmu_notifier_mm->lock);
    iMmapLock.unlock();  // mm_unlock()
    mmapSem.upWrite();
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
