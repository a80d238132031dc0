package org.lockmc.lockdep;

import org.lockmc.engine.sync.GracePeriodState;
import org.lockmc.engine.sync.MutexState;
import org.lockmc.engine.sync.RwSemaphoreState;
import org.lockmc.engine.sync.SpinLockState;
import org.lockmc.engine.sync.SyncObject;

/**
 * One lockdep lock class: a primitive's name ({@link SyncObject#name()}, the kernel's key name
 * such as {@code ksm_thread_mutex} or {@code &mm->mmap_lock}) plus a subclass ({@code
 * mutex_lock_nested}). Every instance with the same name shares the class, as every lock
 * initialised at one site shares lockdep's key; each subclass is a class of its own.
 *
 * @param id dense index in first-seen order (deterministic for a given exploration)
 * @param name the key name
 * @param subclass 0 to 7
 * @param waitType lockdep's {@code {outer:inner}} wait type ({@code {4:4}} sleeping locks, {@code
 *     {3:3}} spinlock_t, {@code {0:0}} lockdep maps, percpu rwsems and SRCU)
 */
public record LockClass(int id, String name, int subclass, String waitType) {

  /** The name lockdep prints: {@code name} or {@code name/subclass}. */
  public String displayName() {
    return subclass == 0 ? name : name + "/" + subclass;
  }

  /**
   * The wait type lockdep gives the primitive behind {@code lock} (with {@code
   * PROVE_RAW_LOCK_NESTING}, as 2025 kernels print it).
   */
  static String waitTypeOf(SyncObject lock) {
    if (lock instanceof MutexState || lock instanceof RwSemaphoreState) {
      return "{4:4}";
    }
    if (lock instanceof SpinLockState) {
      return "{3:3}";
    }
    if (lock instanceof GracePeriodState && lock.name().equals("rcu_read_lock")) {
      return "{1:3}";
    }
    return "{0:0}";
  }

  @Override
  public String toString() {
    return displayName();
  }
}
