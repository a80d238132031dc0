package mmunotifier;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-D, Andrea Arcangeli's fix (004:L1497-L1555): the failed copy sets {@code ret =
 * -ENOMEM} and breaks out of the loop, so {@code mmu_notifier_invalidate_range_end()} runs on
 * every path that ran {@code _start()} (with {@code vma->vm_start}, since {@code addr} has moved).
 *
 * <p>Verdict SAFE, from one step: <b>every {@code invalidate_range_start()} is paired with an
 * {@code invalidate_range_end()}</b>, failure path included, so KVM's invalidate count falls back
 * to zero and the vcpu's retried fault eventually maps the page. The check states the pairing
 * itself: the count is zero when fork returns. {@link CopyPageRangeEnomemUnbalanced} is the code
 * before, where the vcpu retries forever. Lockdep NO_CYCLE, as there.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1419-L1421, L1497-L1555")
public class CopyPageRangeEnomemBalanced {
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

  /** copy_page_range(dst_mm, src_mm, vma) for a COW vma, with the fix. */
  int copyPageRange() {
    int ret = 0;
    invalidateRangeStart(); //           if (is_cow_mapping(vma->vm_flags)) ..._range_start(src_mm, ...)
    if (Kernel.choose(2) == 1) { //      if (unlikely(copy_pud_range(dst_mm, src_mm, ...))) {
      ret = -ENOMEM; //                      ret = -ENOMEM;
    } //                                     break; }
    invalidateRangeEnd(); //             mmu_notifier_invalidate_range_end(src_mm, vma->vm_start, end);
    return ret; //                       out: return ret;
  }

  /** qemu forks: do_fork() -> copy_mm() -> dup_mmap(). */
  @Task("fork")
  void fork() {
    mmapSem.downWrite(); // dup_mmap(): down_write(&oldmm->mmap_sem);
    copyPageRange(); //     retval = copy_page_range(mm, oldmm, mpnt); if (retval) goto out;
    mmapSem.upWrite(); //   out: up_write(&oldmm->mmap_sem);
    Kernel.check(mmuNotifierCount == 0, // only fork starts invalidations here
        "fork returned with an invalidate_range_start() that has no _end()");
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
