package org.lockmc.kernel;

import org.lockmc.engine.sync.GracePeriodState;
import org.lockmc.engine.sync.GracePeriodState.GpOp;
import org.lockmc.engine.sync.GracePeriodState.Kind;
import org.lockmc.runtime.ModelRuntime;

/**
 * {@code struct srcu_struct} ({@code DEFINE_SRCU(name)}): sleepable RCU. Readers never block;
 * {@link #synchronize()} waits only for the read sections that began before it, so calling it
 * inside a read section of the same domain deadlocks.
 */
public final class Srcu {
  private final GracePeriodState state;

  /** An SRCU domain whose lockdep class is {@code name}. */
  public Srcu(String name) {
    state = GracePeriodState.srcu(name);
  }

  /**
   * {@code srcu_read_lock()}: enters a read section. Returns the token to pass to {@link
   * #readUnlock(int)} (the kernel's {@code idx}).
   */
  public int readLock() {
    return (int) ModelRuntime.current().perform(new GpOp(state, Kind.READ_LOCK, 0, null));
  }

  /** {@code srcu_read_unlock(ssp, idx)}: ends the read section {@code idx}. */
  public void readUnlock(int idx) {
    ModelRuntime.current().perform(new GpOp(state, Kind.READ_UNLOCK, idx, null));
  }

  /** {@code synchronize_srcu()}: waits for every read section that began before the call. */
  public void synchronize() {
    ModelRuntime.current().perform(new GpOp(state, Kind.SYNCHRONIZE, 0, null));
  }

  public String name() {
    return state.name();
  }
}
