package org.lockmc.check;

import org.lockmc.engine.ExplorationResult;
import org.lockmc.lockdep.LockdepReport;
import org.lockmc.model.Lockdep;

/**
 * The result of checking one model: the exploration's result and, unless it was switched off,
 * the lockdep view of the same executions.
 *
 * <p>"As expected" means both: the verdict equals the model's {@code expect}, and, when the model
 * states {@code lockdep = CYCLE | NO_CYCLE} and lockdep ran, lockdep's verdict equals it.
 */
public final class CheckResult {
  private final ExplorationResult exploration;
  private final LockdepReport lockdep;

  public CheckResult(ExplorationResult exploration, LockdepReport lockdep) {
    this.exploration = exploration;
    this.lockdep = lockdep;
  }

  public ExplorationResult exploration() {
    return exploration;
  }

  /** The lockdep view, or null when it was switched off. */
  public LockdepReport lockdep() {
    return lockdep;
  }

  /** The exploration's verdict ({@code DEADLOCK}, {@code SAFE}, ...). */
  public String verdict() {
    return exploration.verdict();
  }

  /** Whether lockdep's verdict is what the model states (true when either is unstated or off). */
  public boolean lockdepAsExpected() {
    Lockdep expected = exploration.model().lockdep();
    return lockdep == null || expected == Lockdep.UNSPECIFIED || lockdep.verdict() == expected;
  }

  /** Whether both the verdict and lockdep's verdict are as the model states. */
  public boolean asExpected() {
    return exploration.asExpected() && lockdepAsExpected();
  }
}
