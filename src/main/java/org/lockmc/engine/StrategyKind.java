package org.lockmc.engine;

/** How the explorer chooses schedules. */
public enum StrategyKind {
  /** Source-set DPOR with sleep sets: one execution per class of equivalent interleavings. */
  DPOR,
  /** Every schedule: the baseline DPOR is tested against. */
  EXHAUSTIVE,
  /** Random schedules (seeded): for models too large to finish; never complete. */
  RANDOM,
  /** One recorded schedule. */
  REPLAY
}
