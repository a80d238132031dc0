package org.lockmc.model;

/** What lockdep reports for a model: the expectation a model states next to its verdict. */
public enum Lockdep {
  /** Lockdep's class dependency graph has a cycle: it prints a splat for this model. */
  CYCLE,
  /** Lockdep stays silent: no cycle among the lock classes the model takes. */
  NO_CYCLE,
  /** The model makes no claim about lockdep. */
  UNSPECIFIED
}
