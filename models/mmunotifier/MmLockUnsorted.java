package mmunotifier;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-A without the sort (hypothetical: every posted {@code mm_lock} ordered its locks, v12
 * by repeated ascending scans, v13 on by sorting; scenario report 004-A, concern 1): {@link
 * MmLockSorted} taking each vma's lock in vma order. The full patch's comment says what the sort
 * is for: "to avoid lock inversion deadlocks if two tasks run mm_lock at the same time on
 * different mm that happen to share some anon_vmas/inodes but mapped in different order"; Robin
 * Holt's fallback keeps the order too, "acquiring locks in ascending order" (004:L1197-L1198).
 *
 * <p>Verdict DEADLOCK, from the step this model removes: <b>locks of one class are taken in
 * ascending address order</b>. kvm holds {@code file1}'s {@code i_mmap_lock} and spins on {@code
 * file2}'s; gru holds {@code file2}'s and spins on {@code file1}'s: an ABBA between two instances
 * of one class. Lockdep CYCLE: it sees only the class, {@code &mapping->i_mmap_lock} taken twice,
 * and reports recursive locking, here a real deadlock.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1194-L1198 (ascending order), L1875-L1879;"
        + " scenario report 004-A (concern 1, the v15 comment)")
public class MmLockUnsorted {
  /** A spinlock_t inside an anon_vma or an address_space, at its kernel address. */
  static final class Lock {
    final long address;
    final SpinLock spinlock;

    Lock(String lockClass, long address) {
      this.address = address;
      this.spinlock = new SpinLock(lockClass);
    }
  }

  final RwSemaphore kvmMmapSem = new RwSemaphore("&mm->mmap_sem");
  final RwSemaphore gruMmapSem = new RwSemaphore("&mm->mmap_sem");
  final Lock kvmAnonVma = new Lock("&anon_vma->lock", 0x1000);
  final Lock gruAnonVma = new Lock("&anon_vma->lock", 0x2000);
  final Lock file1 = new Lock("&mapping->i_mmap_lock", 0x3000);
  final Lock file2 = new Lock("&mapping->i_mmap_lock", 0x4000);

  /** One class of mm_lock(), without the sort: take each distinct lock in vma order. */
  List<Lock> lockAll(List<Lock> vmaOrder) {
    // vmalloc(); one pointer per vma, in vma order, unsorted
    List<Lock> locks = new ArrayList<>(vmaOrder);
    List<Lock> taken = new ArrayList<>();
    Lock last = null;
    for (Lock l : locks) {
      if (l != last) {     // if (locks[i] != last) {
        l.spinlock.lock(); // spin_lock(locks[i]);
        taken.add(l);
        last = l;
      }
    }
    return taken;
  }

  /** mmu_notifier_register() on an mm whose vmas map these anon_vmas and files. */
  void mmuNotifierRegister(RwSemaphore mmapSem, List<Lock> anonVmas, List<Lock> files) {
    mmapSem.downWrite();                      // mm_lock(): down_write(&mm->mmap_sem);
    List<Lock> anonLocks = lockAll(anonVmas); // every &vma->anon_vma->lock
    List<Lock> iMmapLocks = lockAll(files);   // every &vma->vm_file->f_mapping->i_mmap_lock
    // hlist_add_head(&mn->hlist, &mm->mmu_notifier_mm->list);
    for (Lock l : anonLocks) {
      l.spinlock.unlock();                    // mm_unlock(): spin_unlock() each, vfree()
    }
    for (Lock l : iMmapLocks) {
      l.spinlock.unlock();
    }
    mmapSem.upWrite();                        // up_write(&mm->mmap_sem);
  }

  /** kvm_arch_create_vm() -> mmu_notifier_register(): the guest's process maps file1, file2. */
  @Task("kvm")
  void kvm() {
    mmuNotifierRegister(kvmMmapSem, List.of(kvmAnonVma, kvmAnonVma), List.of(file1, file2));
  }

  /** The GRU driver registers on another process, which maps file2, then file1. */
  @Task("gru")
  void gru() {
    mmuNotifierRegister(gruMmapSem, List.of(gruAnonVma, gruAnonVma), List.of(file2, file1));
  }
}
