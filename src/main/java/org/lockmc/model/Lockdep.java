package org.lockmc.model;

/** What lockdep reports for a model: the expectation a model states next to its verdict. */
public enum Lockdep {
  /**
   * Lockdep reports a possible deadlock for this model: its class dependency graph has a cycle
   * ("possible circular locking dependency detected"), or a task takes a class it already holds
   * ("possible recursive locking detected", a cycle of one class).
   */
  CYCLE,
  /** Lockdep reports no possible deadlock: no cycle among the lock classes the model takes. */
  NO_CYCLE,
  /** The model makes no claim about lockdep. */
  UNSPECIFIED
}
