package basics;

import org.lockmc.kernel.LockdepMap;
import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * A pure lockdep annotation never blocks, so an order inversion between it and a real lock is a
 * lockdep cycle but not a deadlock: here {@code cpuhp_state-up} (a lockdep_map) is taken before
 * and after {@code sparse_irq_lock}. Lockdep would warn; lockmc finds no deadlock, and says SAFE.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 3.5 (CPU hotplug state machine maps)")
public class LockdepMapFalsePositive {
  final LockdepMap cpuhpStateUp = new LockdepMap("cpuhp_state-up");
  final Mutex sparseIrqLock = new Mutex("sparse_irq_lock");

  @Task("cpuhp/1")
  void hotplugThread() {
    cpuhpStateUp.lockMapAcquire();
    sparseIrqLock.lock();
    sparseIrqLock.unlock();
    cpuhpStateUp.lockMapRelease();
  }

  @Task("irq_setup")
  void irqSetup() {
    sparseIrqLock.lock();
    cpuhpStateUp.lockMapAcquire(); // cpuhp_kick_ap_work(): lock_map_acquire + release
    cpuhpStateUp.lockMapRelease();
    sparseIrqLock.unlock();
  }
}
