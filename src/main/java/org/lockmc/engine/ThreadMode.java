package org.lockmc.engine;

/** Which threads carry tasks. */
public enum ThreadMode {
  /** Virtual threads when the running JDK has them (21+), platform threads otherwise. */
  AUTO,
  /** Platform threads (pooled): about 22 us per hand-off. */
  PLATFORM,
  /** Virtual threads: 0.2 to 0.4 us per hand-off; requires JDK 21 or later. */
  VIRTUAL
}
