package mmunotifier;

import org.lockmc.kernel.SpinLock;
import org.lockmc.kernel.Srcu;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-C, a driver that calls {@code mmu_notifier_unregister()} from its own {@code ->release}:
 * a trap the scenario report derives ("Deadlock traps"), not one the thread discusses. {@code
 * ->release} is where a driver learns that the mm is going away (004:L639-L642), so tearing down
 * from there is a plausible mistake. {@code mmu_notifier_release()} runs {@code ->release} inside
 * {@code srcu_read_lock()} (004:L1132-L1137); unregister ends with {@code synchronize_srcu()} on
 * the same {@code srcu_struct}.
 *
 * <p>Verdict DEADLOCK, from one rule: <b>{@code synchronize_srcu()} waits for every read section
 * of its domain that began before it</b>, here the caller's own. exit_mmap waits for itself
 * forever. Lockdep (6.4 and later, which annotates {@code synchronize_srcu} as a {@code
 * lock_sync}) reports it as recursive locking of {@code &mm->mmu_notifier_mm->srcu}: CYCLE.
 * {@link ReleaseVsUnregisterSrcu} is the protocol used as intended.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L575-L587, L639-L642, L1118-L1140; scenario report 004-C"
        + " (\"Deadlock traps\")")
public class UnregisterFromRelease {
  final SpinLock mmnLock = new SpinLock("&mm->mmu_notifier_mm->lock");
  final Srcu mmnSrcu = new Srcu("&mm->mmu_notifier_mm->srcu");
  /** The driver's mmu_notifier is on mm->mmu_notifier_mm->list. */
  boolean hashed = true;

  /** mmu_notifier_unregister(mn, mm). */
  void mmuNotifierUnregister() {
    mmnLock.lock();        // spin_lock(&mm->mmu_notifier_mm->lock);
    if (hashed) {          // if (!hlist_unhashed(&mn->hlist)) {
      hashed = false;      // hlist_del_rcu(&mn->hlist); ... ->release(mn, mm)
    }
    mmnLock.unlock();      // spin_unlock(&mm->mmu_notifier_mm->lock);
    mmnSrcu.synchronize(); // synchronize_srcu(&mm->mmu_notifier_mm->srcu);
  }

  /** The driver's ->release: tears itself down. */
  void driverRelease() {
    mmuNotifierUnregister(); // mmu_notifier_unregister(mn, mm)
  }

  /** The last mmput() -> exit_mmap() -> mmu_notifier_release(mm). */
  @Task("exit_mmap")
  void exitMmap() {
    mmnLock.lock();                 // spin_lock(&mm->mmu_notifier_mm->lock);
    while (hashed) {                // while (unlikely(!hlist_empty(&mm->mmu_notifier_mm->list))) {
      hashed = false;               // hlist_del_init_rcu(&mn->hlist);
      int idx = mmnSrcu.readLock(); // srcu = srcu_read_lock(&mm->mmu_notifier_mm->srcu);
      mmnLock.unlock();             // spin_unlock(&mm->mmu_notifier_mm->lock);
      driverRelease();              // mn->ops->release(mn, mm);
      mmnSrcu.readUnlock(idx);      // srcu_read_unlock(&mm->mmu_notifier_mm->srcu, srcu);
      mmnLock.lock();               // spin_lock(&mm->mmu_notifier_mm->lock);
    }
    mmnLock.unlock();               // spin_unlock(&mm->mmu_notifier_mm->lock);
    mmnSrcu.synchronize();          // synchronize_srcu(&mm->mmu_notifier_mm->srcu);
  }
}
