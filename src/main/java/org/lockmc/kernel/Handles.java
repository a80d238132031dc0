package org.lockmc.kernel;

import org.lockmc.engine.sync.SyncObject;

/** Maps a primitive handle to its engine-side state (for {@code nest_lock} arguments). */
final class Handles {
  private Handles() {}

  static SyncObject stateOf(Object handle) {
    if (handle instanceof Mutex) {
      return ((Mutex) handle).state();
    }
    if (handle instanceof RwSemaphore) {
      return ((RwSemaphore) handle).state();
    }
    if (handle instanceof SpinLock) {
      return ((SpinLock) handle).state();
    }
    throw new IllegalArgumentException("a nest_lock must be a Mutex, RwSemaphore or SpinLock, not "
        + (handle == null ? "null" : handle.getClass().getSimpleName()));
  }
}
