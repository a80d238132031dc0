package mmunotifier;

import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-A, a deadlock the thread does not raise (the scenario report's analysis, concern 6):
 * {@code mm_lock()} of v14/v15 takes every {@code anon_vma->lock} first and every {@code
 * i_mmap_lock} after, but the VM's documented order is {@code i_mmap_lock -> anon_vma->lock}
 * ({@code vma_adjust()} and {@code vma_link()} take them so). Sorting by address orders locks
 * within a class, never across classes. A parent and its forked child share an anon_vma and a
 * privately mapped file: KVM registers on the parent while the child runs {@code mprotect()} on
 * that mapping, which splits or merges the vma through {@code vma_adjust()}.
 *
 * <p>Verdict DEADLOCK, from one rule: <b>spinlocks taken in opposite orders by two tasks spin on
 * each other forever</b>. kvm holds the anon_vma lock and spins on the file's {@code
 * i_mmap_lock}; mprotect holds the {@code i_mmap_lock} and spins on the anon_vma lock. Lockdep
 * CYCLE: {@code &anon_vma->lock -> &mapping->i_mmap_lock} and back, a cycle across two classes
 * that lockdep would have reported at the first run of both paths. {@link MmTakeAllLocks} takes
 * the mappings first, in the VM's order.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1875-L1879 (why mm_lock takes every lock); scenario"
        + " report 004-A (concern 6: v15 takes anon_vma locks first; vma_adjust's order, B.10)")
public class MmLockVsVmaAdjust {
  final RwSemaphore parentMmapSem = new RwSemaphore("&mm->mmap_sem");
  final RwSemaphore childMmapSem = new RwSemaphore("&mm->mmap_sem");
  /** The anon_vma the parent and the child share since fork(). */
  final SpinLock anonVmaLock = new SpinLock("&anon_vma->lock");
  /** The address_space of the file both map MAP_PRIVATE. */
  final SpinLock iMmapLock = new SpinLock("&mapping->i_mmap_lock");

  /** kvm_arch_create_vm() -> mmu_notifier_register() -> mm_lock(parent's mm). */
  @Task("kvm")
  void kvm() {
    parentMmapSem.downWrite(); // down_write(&mm->mmap_sem);
    anonVmaLock.lock();        // every anon_vma lock, sorted: spin_lock(anon_vma_locks[i]);
    iMmapLock.lock();          // then every i_mmap lock, sorted: spin_lock(i_mmap_locks[i]);
    //                            hlist_add_head(&mn->hlist, &mm->mmu_notifier_mm->list);
    anonVmaLock.unlock();      // mm_unlock()
    iMmapLock.unlock();
    parentMmapSem.upWrite();
  }

  /** mprotect() of part of the child's private file mapping: mprotect_fixup() -> vma_adjust(). */
  @Task("mprotect")
  void mprotect() {
    childMmapSem.downWrite(); // sys_mprotect(): down_write(&current->mm->mmap_sem);
    iMmapLock.lock();         // vma_adjust(): spin_lock(&mapping->i_mmap_lock);
    anonVmaLock.lock();       // if (anon_vma) spin_lock(&anon_vma->lock);
    anonVmaLock.unlock();
    iMmapLock.unlock();
    childMmapSem.upWrite();
  }
}
