package mmunotifier;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * What replaced {@code mm_lock()} in mainline (2.6.27, after the thread; scenario report 004-A,
 * concern 7 and B.8): {@code mm_take_all_locks()} serialises its callers with {@code
 * mm_all_locks_mutex}, marks each address_space and anon_vma with a flag bit instead of sorting
 * and deduplicating, takes every mapping's lock before every anon_vma's (the VM's order), and
 * tells lockdep with {@code spin_lock_nest_lock(..., &mm->mmap_sem)} that the many locks of one
 * class are held under {@code mmap_sem}. The same parent, child and mprotect as {@link
 * MmLockVsVmaAdjust}; the parent maps two files, so KVM holds two {@code i_mmap_lock}s at once.
 *
 * <p>Verdict SAFE, lockdep NO_CYCLE, from two steps: <b>mapping locks before anon_vma locks</b>
 * (the order {@code vma_adjust()} uses, so no ABBA with it) and <b>the {@code nest_lock}
 * annotation</b>, with which lockdep accepts a second lock of a class already held and records
 * no dependency for it (lockdep.md 3.4). Without the annotation lockdep would report recursive
 * locking, as for {@link MmLockSorted}.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "scenario report 004-A (concerns 6 and 7, B.8); lockdep.md 3.4 (mm_take_all_locks);"
        + " 004_6f9b76dc16781bbf.txt:L1875-L1879")
public class MmTakeAllLocks {
  /** A spinlock_t with the flag bit mm_take_all_locks() marks it with. */
  static final class Lock {
    final SpinLock spinlock;
    boolean mmAllLocks; // AS_MM_ALL_LOCKS in mapping->flags, the LSB of anon_vma->head.next

    Lock(String lockClass) {
      this.spinlock = new SpinLock(lockClass);
    }
  }

  final Mutex mmAllLocksMutex = new Mutex("mm_all_locks_mutex");
  final RwSemaphore parentMmapSem = new RwSemaphore("&mm->mmap_sem");
  final RwSemaphore childMmapSem = new RwSemaphore("&mm->mmap_sem");
  final Lock anonVma = new Lock("&anon_vma->lock");
  final Lock file = new Lock("&mapping->i_mmap_lock");
  final Lock otherFile = new Lock("&mapping->i_mmap_lock");

  /** vm_lock_mapping() / vm_lock_anon_vma(): lock it unless this walk already did. */
  void lockOnce(Lock l, RwSemaphore mmapSem) {
    if (!l.mmAllLocks) {   // if (!test_bit(AS_MM_ALL_LOCKS, &mapping->flags)) {
      l.mmAllLocks = true; // test_and_set_bit(AS_MM_ALL_LOCKS, &mapping->flags);
      // spin_lock_nest_lock(&mapping->i_mmap_lock, &mm->mmap_sem);
      l.spinlock.lockNestLock(mmapSem);
    }
  }

  /** vm_unlock_mapping() / vm_unlock_anon_vma(). */
  void unlockOnce(Lock l) {
    if (l.mmAllLocks) {
      l.mmAllLocks = false;
      l.spinlock.unlock();
    }
  }

  /** kvm_arch_create_vm() -> mmu_notifier_register(): the parent's vmas map file and otherFile. */
  @Task("kvm")
  void kvm() {
    parentMmapSem.downWrite();        // down_write(&mm->mmap_sem);
    mmAllLocksMutex.lock();           // mm_take_all_locks(): mutex_lock(&mm_all_locks_mutex);
    lockOnce(file, parentMmapSem);    // for each vma: vm_lock_mapping(mm, vma->vm_file->f_mapping);
    lockOnce(otherFile, parentMmapSem);
    lockOnce(anonVma, parentMmapSem); // for each vma: vm_lock_anon_vma(mm, vma->anon_vma);
    lockOnce(anonVma, parentMmapSem); // (both vmas share the anon_vma: the flag skips it)
    //                                   hlist_add_head(&mn->hlist, &mm->mmu_notifier_mm->list);
    unlockOnce(anonVma);              // mm_drop_all_locks()
    unlockOnce(file);
    unlockOnce(otherFile);
    mmAllLocksMutex.unlock();         // mutex_unlock(&mm_all_locks_mutex);
    parentMmapSem.upWrite();
  }

  /** mprotect() of part of the child's private file mapping: mprotect_fixup() -> vma_adjust(). */
  @Task("mprotect")
  void mprotect() {
    childMmapSem.downWrite(); // sys_mprotect(): down_write(&current->mm->mmap_sem);
    file.spinlock.lock();     // vma_adjust(): spin_lock(&mapping->i_mmap_lock);
    anonVma.spinlock.lock();  // if (anon_vma) spin_lock(&anon_vma->lock);
    anonVma.spinlock.unlock();
    file.spinlock.unlock();
    childMmapSem.upWrite();
  }
}
