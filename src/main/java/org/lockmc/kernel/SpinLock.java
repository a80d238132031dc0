package org.lockmc.kernel;

import org.lockmc.engine.sync.SpinLockState;
import org.lockmc.engine.sync.SpinLockState.Kind;
import org.lockmc.engine.sync.SpinLockState.SpinOp;
import org.lockmc.runtime.ModelRuntime;

/**
 * {@code spinlock_t}: exclusive and non-recursive; holding it is atomic context, so calling any
 * sleeping primitive (a mutex, an rwsem, {@code synchronize_*}, a wait) while holding it is a
 * violation.
 */
public final class SpinLock {
  private final SpinLockState state;
  private final SpinOp lock;
  private final SpinOp trylock;
  private final SpinOp unlock;

  /** A spinlock whose lockdep class is {@code name}. */
  public SpinLock(String name) {
    state = new SpinLockState(name);
    lock = new SpinOp(state, Kind.LOCK, 0, null);
    trylock = new SpinOp(state, Kind.TRYLOCK, 0, null);
    unlock = new SpinOp(state, Kind.UNLOCK, 0, null);
  }

  /** {@code spin_lock()}. */
  public void lock() {
    ModelRuntime.current().perform(lock);
  }

  /** {@code spin_lock_nested(lock, subclass)}. */
  public void lockNested(int subclass) {
    ModelRuntime.current().perform(new SpinOp(state, Kind.LOCK, Subclasses.check(subclass), null));
  }

  /** {@code spin_lock_nest_lock(lock, nest)}. */
  public void lockNestLock(Object nest) {
    ModelRuntime.current().perform(new SpinOp(state, Kind.LOCK, 0, Handles.stateOf(nest)));
  }

  /** {@code spin_trylock()}. */
  public boolean trylock() {
    return ModelRuntime.current().perform(trylock) != 0;
  }

  /** {@code spin_unlock()}. */
  public void unlock() {
    ModelRuntime.current().perform(unlock);
  }

  public String name() {
    return state.name();
  }

  SpinLockState state() {
    return state;
  }
}
