package org.lockmc.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.check.Checker;
import org.lockmc.config.VerdictMapping.JpfKind;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.testing.TestModels;

/** When lockmc's verdict and JPF's agree, disagree, or cannot be compared. */
class ComparisonTest {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  private static ExplorationResult lockmc(String model) {
    return Checker.check(TestModels.libraryModel(model), ExplorerConfig.DEFAULTS).exploration();
  }

  private static JpfResult jpf(JpfResult.Status status, JpfKind... kinds) {
    return new JpfResult(status, Set.of(kinds), 100, TEN_MINUTES, "");
  }

  private static Comparison.Agreement compare(String model, JpfResult jpf) {
    return new Comparison(model, lockmc(model), jpf).agreement();
  }

  @Test
  void aFinishedSearchAgreesOnlyOnTheSameKinds() {
    assertEquals(Comparison.Agreement.YES, compare("basics.AbbaDeadlock",
        jpf(JpfResult.Status.FINISHED, JpfKind.DEADLOCK)));
    assertEquals(Comparison.Agreement.NO, compare("basics.AbbaDeadlock",
        jpf(JpfResult.Status.FINISHED)));
    assertEquals(Comparison.Agreement.NO, compare("basics.AbbaFixedOrder",
        jpf(JpfResult.Status.FINISHED, JpfKind.DEADLOCK)));
  }

  @Test
  void aTimedOutSearchDecidesNothingByWhatItDidNotFind() {
    assertEquals(Comparison.Agreement.UNDECIDED, compare("basics.AbbaDeadlock",
        jpf(JpfResult.Status.TIMEOUT)));
    assertEquals(Comparison.Agreement.UNDECIDED, compare("basics.AbbaDeadlock",
        jpf(JpfResult.Status.TIMEOUT, JpfKind.DEADLOCK)));
  }

  @Test
  void anErrorFoundBeforeTheTimeLimitThatLockmcRulesOutIsADisagreement() {
    assertEquals(Comparison.Agreement.NO, compare("basics.AbbaFixedOrder",
        jpf(JpfResult.Status.TIMEOUT, JpfKind.DEADLOCK)));
    assertEquals(Comparison.Agreement.NO, compare("basics.AbbaDeadlock",
        jpf(JpfResult.Status.CONSTRAINED, JpfKind.EXCEPTION)));
  }

  @Test
  void aTimedOutSearchShowsWhatItFound() {
    assertEquals("timeout", jpf(JpfResult.Status.TIMEOUT).verdict());
    assertEquals("deadlock (incomplete)",
        jpf(JpfResult.Status.TIMEOUT, JpfKind.DEADLOCK).verdict());
  }
}
