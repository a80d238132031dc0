package org.lockmc.jpf;

import java.util.Set;
import org.lockmc.config.VerdictMapping;
import org.lockmc.config.VerdictMapping.JpfKind;
import org.lockmc.engine.ExplorationResult;

/**
 * lockmc's verdict on a model next to JPF's, and whether they agree under {@link
 * VerdictMapping}: the JPF errors that stand for lockmc's kinds must be exactly the errors JPF
 * reported. A side that did not finish (JPF's time limit or failure, or a bounded lockmc run
 * whose kinds fall short of JPF's) decides nothing, except that an error JPF reported before its
 * search was cut, and that a complete lockmc run did not find, is a disagreement.
 *
 * @param model the model's name
 * @param lockmc lockmc's exploration
 * @param jpf JPF's run
 */
public record Comparison(String model, ExplorationResult lockmc, JpfResult jpf) {
  /** Whether the two verdicts agree. */
  public enum Agreement {
    YES,
    NO,
    /** One side did not finish, so nothing can be said. */
    UNDECIDED
  }

  public Agreement agreement() {
    Set<JpfKind> expected = VerdictMapping.toJpf(lockmc.found());
    if (jpf.status() == JpfResult.Status.CONSTRAINED
        || jpf.status() == JpfResult.Status.TIMEOUT) {
      // a cut search may miss errors, but every error it reports is real: one that a complete
      // lockmc run did not find is a disagreement
      return expected.containsAll(jpf.kinds()) || !lockmc.complete() ? Agreement.UNDECIDED
          : Agreement.NO;
    }
    if (jpf.status() != JpfResult.Status.FINISHED) {
      return Agreement.UNDECIDED;
    }
    if (expected.equals(jpf.kinds())) {
      return Agreement.YES;
    }
    if (!lockmc.complete() && jpf.kinds().containsAll(expected)) {
      return Agreement.UNDECIDED;
    }
    return Agreement.NO;
  }
}
