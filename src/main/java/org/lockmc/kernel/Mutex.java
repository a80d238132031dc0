package org.lockmc.kernel;

import org.lockmc.engine.sync.MutexState;
import org.lockmc.engine.sync.MutexState.Kind;
import org.lockmc.engine.sync.MutexState.MutexOp;
import org.lockmc.runtime.ModelRuntime;

/**
 * {@code struct mutex} ({@code DEFINE_MUTEX(name)}): exclusive, sleeping, non-recursive. Locking
 * it again while holding it deadlocks; only its owner may unlock it.
 */
public final class Mutex {
  private final MutexState state;
  private final MutexOp lock;
  private final MutexOp trylock;
  private final MutexOp unlock;

  /** A mutex whose lockdep class is {@code name}, for example {@code "ksm_thread_mutex"}. */
  public Mutex(String name) {
    state = new MutexState(name);
    lock = new MutexOp(state, Kind.LOCK, 0, null);
    trylock = new MutexOp(state, Kind.TRYLOCK, 0, null);
    unlock = new MutexOp(state, Kind.UNLOCK, 0, null);
  }

  /** {@code mutex_lock()}: sleeps until the mutex is free, then owns it. */
  public void lock() {
    ModelRuntime.current().perform(lock);
  }

  /**
   * {@code mutex_lock_nested(lock, subclass)}: as {@link #lock()}; only lockdep's class changes
   * (it becomes {@code name/subclass}).
   */
  public void lockNested(int subclass) {
    ModelRuntime.current().perform(new MutexOp(state, Kind.LOCK, Subclasses.check(subclass), null));
  }

  /** {@code mutex_lock_nest_lock(lock, nest)}: as {@link #lock()}, annotated with its outer lock. */
  public void lockNestLock(Object nest) {
    ModelRuntime.current().perform(new MutexOp(state, Kind.LOCK, 0, Handles.stateOf(nest)));
  }

  /** {@code mutex_trylock()}: takes the mutex if free; never sleeps. */
  public boolean trylock() {
    return ModelRuntime.current().perform(trylock) != 0;
  }

  /** {@code mutex_unlock()}: only the owner may unlock. */
  public void unlock() {
    ModelRuntime.current().perform(unlock);
  }

  /** The lockdep class name. */
  public String name() {
    return state.name();
  }

  MutexState state() {
    return state;
  }
}
