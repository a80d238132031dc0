package org.lockmc.kernel;

import org.lockmc.engine.sync.GracePeriodState;
import org.lockmc.engine.sync.GracePeriodState.GpOp;
import org.lockmc.engine.sync.GracePeriodState.Kind;
import org.lockmc.runtime.ModelRuntime;

/**
 * Classic RCU. The read side ({@code rcu_read_lock()}) is atomic context: sleeping inside it,
 * {@code synchronize_rcu()} included, is a violation. {@link #synchronize()} waits for the read
 * sections that began before it. A model makes one {@code Rcu} and shares it, as the kernel has
 * one RCU.
 */
public final class Rcu {
  private final GracePeriodState state = GracePeriodState.rcu();

  /** {@code rcu_read_lock()}. */
  public void readLock() {
    ModelRuntime.current().perform(new GpOp(state, Kind.READ_LOCK, 0, null));
  }

  /** {@code rcu_read_unlock()}: ends the calling task's innermost read section. */
  public void readUnlock() {
    ModelRuntime.current().perform(new GpOp(state, Kind.READ_UNLOCK, 0, null));
  }

  /** {@code synchronize_rcu()}: waits for every read section that began before the call. */
  public void synchronize() {
    ModelRuntime.current().perform(new GpOp(state, Kind.SYNCHRONIZE, 0, null));
  }
}
