package basics;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Rcu;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@code kmalloc(GFP_KERNEL)} may enter direct reclaim and sleep, so it calls {@code might_sleep()}
 * first; inside {@code rcu_read_lock()} that is "BUG: sleeping function called from invalid
 * context" on every call, whether or not this one would have slept. The RCU read side is atomic
 * context here (classic, non-preemptible RCU), so the violation needs no other task and no
 * unlucky schedule: one execution shows it. The fix is {@code GFP_ATOMIC}, or allocating before
 * {@code rcu_read_lock()}. Lockdep records no dependency: {@code rcu_read_lock} is held without
 * dependencies ({@code check == 0}).
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "lockdep.md 3.2 (rcu_read_lock: recursive, check = 0, no edges)")
public class MightSleepUnderRcuReadLock {
  final Rcu rcu = new Rcu();

  @Task("lookup")
  void lookup() {
    rcu.readLock();     // rcu_read_lock();
    Kernel.mightSleep(); // kmalloc(sizeof(*obj), GFP_KERNEL): might_sleep_if(gfp & __GFP_WAIT)
    rcu.readUnlock();   // rcu_read_unlock();
  }
}
