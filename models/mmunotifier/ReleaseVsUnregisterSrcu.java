package mmunotifier;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.SpinLock;
import org.lockmc.kernel.Srcu;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-C, the register/unregister/release protocol the thread settles on (v14-pre3 and later,
 * 004:L1099-L1140 and L575-L597; the design bullets 004:L624-L655): KVM's mmu notifier is on the
 * mm's list; the process exits ({@code exit_mmap() -> mmu_notifier_release()}) while KVM closes
 * the VM ({@code mmu_notifier_unregister()}) and a truncate of a mapped file runs a notifier
 * method under SRCU. Andrea Arcangeli, 004:L511-L516: "mmu_notifier_release can actually run
 * concurrently against other mmu notifiers in case there's a vmtruncate [...] the only guarantee
 * is that -release will be called one time and only one time and that no mmu notifier will ever
 * run after _unregister returns". "The first that runs executes -release method as well after
 * dropping the spinlock but before releasing the srcu lock" and "the one that arrives second [...]
 * waits the first with srcu" (004:L644-L645, L654-L655).
 *
 * <p>Verdict SAFE, with the three properties Andrea Arcangeli promises checked: {@code ->release}
 * runs exactly once, it has returned before {@code mmu_notifier_unregister()} returns, and before
 * {@code exit_mmap()} frees the pages (004:L651-L652, L1010-L1016); no method runs on the notifier
 * after unregister freed it. Two steps make it: <b>whoever unhashes the notifier under {@code
 * mmu_notifier_mm->lock} runs {@code ->release}</b> (exactly once), and <b>both sides end with
 * {@code synchronize_srcu()}, which waits for every read section begun before it</b>, including
 * the other side's {@code ->release} (completion). The test removes unregister's {@code
 * synchronize_srcu()} and gets VIOLATION.
 *
 * <p>Lockdep NO_CYCLE: {@code srcu_read_lock} under the spinlock is the only nesting; {@code
 * synchronize_srcu} runs with nothing held. Simplified: one notifier; its list is a flag; the
 * {@code mm_count} pin that keeps {@code mmu_notifier_mm} alive is left out.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L511-L537, L575-L597, L624-L655, L1010-L1016,"
        + " L1099-L1140")
public class ReleaseVsUnregisterSrcu {
  final SpinLock mmnLock = new SpinLock("&mm->mmu_notifier_mm->lock");
  final Srcu mmnSrcu = new Srcu("&mm->mmu_notifier_mm->srcu");
  /** KVM's mmu_notifier is on mm->mmu_notifier_mm->list (!hlist_unhashed(&mn->hlist)). */
  boolean hashed = true;
  int releaseCalls;
  boolean released;
  /** kvm_arch_destroy_vm() freed struct kvm, and the mmu_notifier in it. */
  boolean notifierFreed;

  /** kvm_mmu_notifier_release(): zaps every spte of the guest. */
  void kvmMmuNotifierRelease() {
    Kernel.check(releaseCalls == 0, "->release ran twice (004:L1010-L1016)");
    releaseCalls++;
    released = true;
  }

  /** The last mmput() -> exit_mmap() -> mmu_notifier_release(mm). */
  @Task("exit_mmap")
  void exitMmap() {
    mmnLock.lock();                 // spin_lock(&mm->mmu_notifier_mm->lock);
    while (hashed) {                // while (unlikely(!hlist_empty(&mm->mmu_notifier_mm->list))) {
      hashed = false;               // hlist_del_init_rcu(&mn->hlist);
      int idx = mmnSrcu.readLock(); // srcu = srcu_read_lock(&mm->mmu_notifier_mm->srcu);
      mmnLock.unlock();             // spin_unlock(&mm->mmu_notifier_mm->lock);
      kvmMmuNotifierRelease();      // mn->ops->release(mn, mm);
      mmnSrcu.readUnlock(idx);      // srcu_read_unlock(&mm->mmu_notifier_mm->srcu, srcu);
      mmnLock.lock();               // spin_lock(&mm->mmu_notifier_mm->lock);
    }
    mmnLock.unlock();               // spin_unlock(&mm->mmu_notifier_mm->lock);
    mmnSrcu.synchronize();          // synchronize_srcu(&mm->mmu_notifier_mm->srcu);
    Kernel.check(released, "exit_mmap() frees the pages before ->release zapped the sptes"
        + " (004:L651-L652)");      // unmap_vmas(); free_pgtables();
  }

  /** close() of the VM: kvm_arch_destroy_vm() -> mmu_notifier_unregister(&kvm->mmu_notifier). */
  @Task("kvm")
  void kvmDestroyVm() {
    mmnLock.lock();                 // spin_lock(&mm->mmu_notifier_mm->lock);
    if (hashed) {                   // if (!hlist_unhashed(&mn->hlist)) {
      hashed = false;               // hlist_del_rcu(&mn->hlist);
      int idx = mmnSrcu.readLock(); // srcu = srcu_read_lock(&mm->mmu_notifier_mm->srcu);
      mmnLock.unlock();             // spin_unlock(&mm->mmu_notifier_mm->lock);
      kvmMmuNotifierRelease();      // mn->ops->release(mn, mm);
      mmnSrcu.readUnlock(idx);      // srcu_read_unlock(&mm->mmu_notifier_mm->srcu, srcu);
    } else {
      mmnLock.unlock();             // } else spin_unlock(&mm->mmu_notifier_mm->lock);
    }
    mmnSrcu.synchronize();          // synchronize_srcu(): waits for ->release and every method
    Kernel.check(released, "mmu_notifier_unregister() returned before ->release completed"
        + " (004:L1010-L1016)");
    notifierFreed = true;           // mmdrop(mm); ... kfree(kvm)
  }

  /** Truncate of a file the exiting process maps: unmap_mapping_range() -> range_start(). */
  @Task("vmtruncate")
  void vmtruncate() {
    int idx = mmnSrcu.readLock(); // srcu = srcu_read_lock(&mm->mmu_notifier_mm->srcu);
    // hlist_for_each_entry_rcu(mn, n, &mm->mmu_notifier_mm->list, hlist)
    if (hashed) {
      Kernel.check(!notifierFreed, "mn->ops->invalidate_range_start() of a freed mmu_notifier");
    }
    mmnSrcu.readUnlock(idx);      // srcu_read_unlock(&mm->mmu_notifier_mm->srcu, srcu);
  }
}
