package org.lockmc.check;

import org.lockmc.lockdep.LockdepRules;

/**
 * What the pipeline runs besides the exploration.
 *
 * @param lockdep whether to record and analyse the lockdep view (on by default; off to measure
 *     its cost)
 * @param rules which lockdep's rules to apply
 */
public record CheckOptions(boolean lockdep, LockdepRules rules) {
  /** Lockdep on, with the rules of 5.10 and later. */
  public static final CheckOptions DEFAULT = new CheckOptions(true, LockdepRules.V5_10);

  public CheckOptions withLockdep(boolean on) {
    return new CheckOptions(on, rules);
  }

  public CheckOptions withRules(LockdepRules r) {
    return new CheckOptions(lockdep, r);
  }
}
