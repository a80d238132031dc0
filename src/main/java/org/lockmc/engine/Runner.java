package org.lockmc.engine;

import java.util.concurrent.locks.LockSupport;

/**
 * One thread taking part in an execution (a task's thread, or the explorer's own), with the
 * permit that lets it run. At most one runner of an execution holds the permit at any time; {@link
 * #transfer} passes it on and parks until it comes back.
 *
 * <p>The volatile permit gives the happens-before edge between consecutive runners, so the
 * scheduler's plain fields are safely handed from thread to thread. A runner may spin briefly
 * before parking (platform threads, where waking a parked thread costs a system call); {@link
 * #parked} tells the granter whether an unpark is needed at all.
 */
final class Runner {
  private final int spins;
  private volatile Thread thread;
  private volatile boolean permit;
  private volatile boolean parked;

  /** A runner that spins {@code spins} times before parking. */
  Runner(int spins) {
    this.spins = spins;
  }

  void attach(Thread t) {
    thread = t;
  }

  Thread thread() {
    return thread;
  }

  /** Gives the permit to {@code next} and parks the calling thread until this runner has it again. */
  void transfer(Runner next) {
    next.grant();
    awaitPermit();
  }

  /** Gives this runner the permit and wakes its thread if it sleeps. */
  void grant() {
    permit = true;
    if (parked) {
      Thread t = thread;
      if (t != null) {
        LockSupport.unpark(t);
      }
    }
  }

  /** Waits on the calling thread (which must be this runner's) until it holds the permit. */
  void awaitPermit() {
    for (int i = 0; i < spins && !permit; i++) {
      Thread.onSpinWait();
    }
    while (!permit) {
      parked = true;
      if (!permit) {
        LockSupport.park(this);
      }
      parked = false;
    }
    permit = false;
  }
}
