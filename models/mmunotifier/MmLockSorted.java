package mmunotifier;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-A, {@code mm_lock()} of mmu-notifier-core v13 to v15: {@code mmu_notifier_register()}
 * must not miss an invalidate in flight, so it takes every {@code anon_vma->lock} and every {@code
 * i_mmap_lock} of the mm (Andrea Arcangeli, 004:L1875-L1879: "That's why we've to take all the mm
 * locks"), each class sorted by address with {@code mm_lock_cmp()} (004:L1910-L1920) and with
 * adjacent duplicates skipped. Two drivers register at once on two processes that map the same two
 * files in opposite orders; each process has two vmas sharing one anon_vma (a split vma).
 *
 * <p>Verdict SAFE, from two steps: <b>every caller takes the locks of a class in ascending address
 * order</b>, so the shared files are locked in one global order (the comment of the full patch,
 * scenario report 004-A: "The sorting is needed to avoid lock inversion deadlocks if two tasks run
 * mm_lock at the same time on different mm that happen to share some anon_vmas/inodes but mapped
 * in different order"; without it: {@link MmLockUnsorted}), and <b>a lock met twice is taken
 * once</b> (without it: {@link MmLockDuplicatesNotSkipped}). The comparator is as posted, which
 * never returns 0 (Eric Dumazet, 004:L1922-L1924, L2040-L2048: it compares the slot pointers for
 * equality); Andrea, 004:L2261-L2265: "It's not mandatory to ever return 0, so it won't produce any
 * runtime error (there is a bugcheck for wrong sort ordering [...])". The model agrees: equal locks
 * still end adjacent, the dedupe still works and the bugcheck never fires.
 *
 * <p>Lockdep CYCLE, although SAFE: each caller holds two {@code &mapping->i_mmap_lock}s at once,
 * two locks of one class without a nesting annotation, which lockdep reports as "possible recursive
 * locking" (and thousands of them would overflow {@code MAX_LOCK_DEPTH}). The thread never mentions
 * lockdep (scenario report 004-A, concern 7); {@link MmTakeAllLocks}, what 2.6.27 merged, annotates
 * them with {@code spin_lock_nest_lock(..., &mm->mmap_sem)}.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L1875-L1879, L1910-L1924, L2040-L2075, L2255-L2267,"
        + " L802-L811; scenario report 004-A (the v15 mm_lock)")
public class MmLockSorted {
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

  /** One class of mm_lock(): sort the vmas' locks, take each distinct one in order. */
  List<Lock> lockAll(List<Lock> vmaOrder) {
    List<Lock> locks = new ArrayList<>(vmaOrder); // vmalloc(); one pointer per vma, in vma order
    // sort(locks, nr, sizeof(spinlock_t *), mm_lock_cmp, NULL);
    locks.sort(MmLockSorted::mmLockCmp);
    List<Lock> taken = new ArrayList<>();
    Lock last = null;
    for (Lock l : locks) {
      if (l != last) {                            // if (locks[i] != last) {
        Kernel.check(last == null || last.address < l.address, "mm_lock: wrong sort order");
        l.spinlock.lock();                        // spin_lock(locks[i]);
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
