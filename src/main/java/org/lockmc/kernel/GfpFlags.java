package org.lockmc.kernel;

import org.lockmc.engine.sync.MemoryState;

/**
 * The {@code gfp_t} of an allocation, reduced to what decides its fate when memory is short:
 * whether it may sleep, and whether it may invoke the OOM killer and retry or must fail.
 */
public enum GfpFlags {
  /** {@code GFP_KERNEL}: sleeps, retries, invokes the OOM killer; never fails for a non-victim. */
  GFP_KERNEL(true, true),
  /** {@code GFP_HIGHUSER}: user pages (a COW break); as {@link #GFP_KERNEL}. */
  GFP_HIGHUSER(true, true),
  /** {@code GFP_KERNEL | __GFP_NORETRY}: may sleep in reclaim, but fails instead of OOM-killing. */
  GFP_NORETRY(true, false),
  /** {@code GFP_NOWAIT}: never sleeps; fails when no page is free. */
  GFP_NOWAIT(false, false),
  /** {@code GFP_ATOMIC}: never sleeps (allowed in atomic context); fails when no page is free. */
  GFP_ATOMIC(false, false);

  private final MemoryState.Gfp gfp;

  GfpFlags(boolean mayWait, boolean mayOom) {
    this.gfp = new MemoryState.Gfp(name(), mayWait, mayOom);
  }

  MemoryState.Gfp gfp() {
    return gfp;
  }
}
