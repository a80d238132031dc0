package mmunotifier;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-D, before the fix: {@code copy_page_range()} calls {@code
 * mmu_notifier_invalidate_range_start()} for a COW mapping, then returns {@code -ENOMEM} from
 * inside its copy loop without the matching {@code _end()} (004:L1537-L1539, '-' lines). Jack
 * Steiner, 004:L1419-L1421: "It's possible to do a mmu_notifier_invalidate_range_start(), then
 * return -ENOMEM w/o doing a corresponding mmu_notifier_invalidate_range_end()."
 *
 * <p>Verdict LIVELOCK, from one step: <b>a secondary MMU fault retries while the driver's
 * invalidate count is raised</b>. KVM's {@code range_start} raises {@code
 * kvm->arch.mmu_notifier_invalidate_range_count} (the count 004:L1875-L1879 names) and only
 * {@code range_end} lowers it; a vcpu's fault that finds the count raised (or the sequence moved)
 * drops {@code mmu_lock} and goes back to the guest, which faults again. After the failed fork the
 * count stays raised for good, so the vcpu faults forever: the run passes its step bound although
 * the scheduler is fair to it. {@link CopyPageRangeEnomemBalanced} is Andrea Arcangeli's fix.
 *
 * <p>Where this parts from the thread: the thread names the unpaired call and says it matters only
 * to active KVM or GRU users (004:L1490-L1493); the consequence, the vcpu's endless retry, is
 * KVM's fault path of that time ({@code mmu_notifier_retry()}), which the thread does not quote.
 * Lockdep NO_CYCLE: one order, {@code mmap_sem -> mmu_lock}; a count is not a lock to lockdep.
 * Simplified: one COW vma, one guest page, and the page-table allocation either fails or not
 * ({@code Kernel.choose}).
 */
@LockModel(expect = Verdict.LIVELOCK, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1419-L1421, L1490-L1493, L1531-L1539 ('-' lines),"
        + " L1875-L1879")
public class CopyPageRangeEnomemUnbalanced {
  static final int ENOMEM = 12;

  /** The qemu process's mm: fork's parent, and the mm the vcpu thread faults in. */
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final SpinLock mmuLock = new SpinLock("&kvm->mmu_lock");
  /** kvm->arch.mmu_notifier_invalidate_range_count: raised by range_start, lowered by range_end. */
  int mmuNotifierCount;
  /** kvm->arch.mmu_notifier_invalidate_range_seq: moved by every range_end. */
  int mmuNotifierSeq;
  /** The guest page is mapped in the shadow page table. */
  boolean spteMapped;

  /** kvm_mmu_notifier_invalidate_range_start(). */
  void invalidateRangeStart() {
    mmuLock.lock();     // spin_lock(&kvm->mmu_lock);
    mmuNotifierCount++; // kvm->arch.mmu_notifier_invalidate_range_count++;
    spteMapped = false; // kvm_unmap_hva() for every page of the range
    mmuLock.unlock();   // spin_unlock(&kvm->mmu_lock);
  }

  /** kvm_mmu_notifier_invalidate_range_end(). */
  void invalidateRangeEnd() {
    mmuLock.lock();     // spin_lock(&kvm->mmu_lock);
    mmuNotifierSeq++;   // kvm->arch.mmu_notifier_invalidate_range_seq++;
    mmuNotifierCount--; // kvm->arch.mmu_notifier_invalidate_range_count--;
    mmuLock.unlock();   // spin_unlock(&kvm->mmu_lock);
  }

  /** copy_page_range(dst_mm, src_mm, vma) for a COW vma, before the fix. */
  int copyPageRange() {
    invalidateRangeStart(); //           if (is_cow_mapping(vma->vm_flags)) ..._range_start(src_mm, ...)
    if (Kernel.choose(2) == 1) { //      if (copy_pud_range(dst_mm, src_mm, ...)): pud_alloc() failed
      return -ENOMEM; //                     return -ENOMEM;
    }
    invalidateRangeEnd(); //             mmu_notifier_invalidate_range_end(src_mm, vma->vm_start, end);
    return 0;
  }

  /** qemu forks: do_fork() -> copy_mm() -> dup_mmap(). */
  @Task("fork")
  void fork() {
    mmapSem.downWrite(); // dup_mmap(): down_write(&oldmm->mmap_sem);
    copyPageRange(); //     retval = copy_page_range(mm, oldmm, mpnt); if (retval) goto out;
    mmapSem.upWrite(); //   out: up_write(&oldmm->mmap_sem);
  }

  /** A vcpu thread of the same qemu: the guest touches a page, a secondary MMU fault. */
  @Task("vcpu")
  void vcpu() {
    while (!spteMapped) {
      int mmuSeq = mmuNotifierSeq; //   mmu_seq = kvm->arch.mmu_notifier_invalidate_range_seq;
      mmapSem.downRead(); //            gfn_to_pfn(): get_user_pages() under
      mmapSem.upRead(); //                  down_read(&current->mm->mmap_sem)
      mmuLock.lock(); //                spin_lock(&kvm->mmu_lock);
      if (mmuNotifierCount == 0 && mmuNotifierSeq == mmuSeq) { // if (mmu_notifier_retry(...))
        spteMapped = true; //               goto out_unlock; else set the spte
      }
      mmuLock.unlock(); //              spin_unlock(&kvm->mmu_lock);
      if (!spteMapped) {
        Kernel.condResched(); //        back to the guest, which faults on the same page again
      }
    }
  }
}
