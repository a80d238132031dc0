package org.lockmc.kernel;

import org.lockmc.engine.sync.LockdepMapState;
import org.lockmc.runtime.ModelRuntime;

/**
 * A {@code struct lockdep_map} without a lock ({@code STATIC_LOCKDEP_MAP_INIT(name, &key)}): pure
 * lockdep annotations that never block. Lockdep records them like lock acquisitions, so they add
 * edges to its class graph (the {@code cpuhp_state-up} map, the old {@code get_online_cpus()}
 * map), but they can never take part in a real deadlock.
 */
public final class LockdepMap {
  private final LockdepMapState state;

  /** A map whose lockdep class is {@code name}. */
  public LockdepMap(String name) {
    state = new LockdepMapState(name);
  }

  /** {@code lock_map_acquire(map)}: an exclusive acquisition (read level 0). */
  public void lockMapAcquire() {
    ModelRuntime.current().perform(state.acquire());
  }

  /** {@code lock_map_acquire_read(map)}: a recursive read acquisition (read level 2). */
  public void lockMapAcquireRead() {
    ModelRuntime.current().perform(state.acquireRead());
  }

  /** {@code lock_map_release(map)}. Releasing a map not held is a violation. */
  public void lockMapRelease() {
    ModelRuntime.current().perform(state.release());
  }

  /** The lockdep class name. */
  public String name() {
    return state.name();
  }
}
