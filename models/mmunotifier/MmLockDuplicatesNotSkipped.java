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
 * Seed 004-A without the dedupe (hypothetical): {@link MmLockSorted} locking every sorted entry,
 * also the second copy of a lock that two vmas share. Two vmas of one process share an anon_vma
 * whenever a vma was split (mprotect of part of it), and share an {@code i_mmap_lock} whenever a
 * file is mapped twice; mm_lock skips an entry equal to the one before it, which sorting made
 * adjacent (scenario report 004-A, concern 2; the bugcheck of 004:L2263-L2264).
 *
 * <p>Verdict DEADLOCK, from the step this model removes: <b>a lock met twice is taken once</b>.
 * A spinlock is not recursive: kvm spins on the {@code anon_vma->lock} it already holds. Lockdep
 * CYCLE: recursive locking of {@code &anon_vma->lock}, here a real self-deadlock.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1910-L1924, L2255-L2267; scenario report 004-A"
        + " (concern 2)")
public class MmLockDuplicatesNotSkipped {
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

  /** mm_lock_cmp() as posted: never 0, it compares the slots a and b, not *a and *b. */
  static int mmLockCmp(Lock a, Lock b) {
    return a.address < b.address ? -1 : 1;
  }

  /** One class of mm_lock(), without the dedupe: sort the vmas' locks, take every entry. */
  List<Lock> lockAll(List<Lock> vmaOrder) {
    List<Lock> locks = new ArrayList<>(vmaOrder); // vmalloc(); one pointer per vma, in vma order
    // sort(locks, nr, sizeof(spinlock_t *), mm_lock_cmp, NULL);
    locks.sort(MmLockDuplicatesNotSkipped::mmLockCmp);
    List<Lock> taken = new ArrayList<>();
    for (Lock l : locks) {
      l.spinlock.lock(); // spin_lock(locks[i]);  (every entry, duplicates too)
      taken.add(l);
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
