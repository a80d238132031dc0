package org.lockmc.junit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/** The assertion API users call from their own test suites, and its failure messages. */
class LockmcAssertionsTest {
  @Test
  void aModelClassOnTheTestClassPathIsCheckedAsItsInstrumentedCopy() {
    ExplorationResult r = LockmcAssertions.assertVerdict(basics.AbbaDeadlock.class, Verdict.DEADLOCK)
        .exploration();
    assertTrue(r.complete());
    assertTrue(r.model().type() != basics.AbbaDeadlock.class,
        "checked through lockmc's model class loader, not the test's copy");
    LockmcAssertions.assertExpected(basics.AbbaFixedOrder.class);
  }

  @Test
  void aWrongVerdictFailsWithTheCounterexampleTableAndSchedule() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> LockmcAssertions.assertVerdict(basics.AbbaDeadlock.class, Verdict.SAFE));
    String m = e.getMessage();
    assertTrue(m.startsWith("basics.AbbaDeadlock: expected SAFE but the result is DEADLOCK ("), m);
    assertTrue(m.contains("DEADLOCK: A, B wait for each other"), m);
    assertTrue(m.contains(" step | A "), "the table: " + m);
    assertTrue(m.contains("| mutex_lock(a) "), m);
    assertTrue(m.contains("[blocked: mutex b held by B]"), m);
    assertTrue(m.contains("| AbbaDeadlock.java:"), "model lines: " + m);
    assertTrue(m.contains("* A: mutex_lock(b) -- mutex b held by B; holds a"), m);
    assertTrue(m.contains("model: basics.AbbaDeadlock\n"), "the schedule: " + m);
    assertTrue(m.contains("step: A | mutex_lock(a)\n"), m);
  }

  @Test
  void aMissingBugFailsAndSaysNoExecutionShowedIt() {
    AssertionError e = assertThrows(AssertionError.class,
        () -> LockmcAssertions.assertVerdict(basics.AbbaFixedOrder.class, Verdict.DEADLOCK));
    assertTrue(e.getMessage().contains("expected DEADLOCK but the result is SAFE"), e.getMessage());
    assertTrue(e.getMessage().contains("no execution showed DEADLOCK"), e.getMessage());
  }

  @Test
  void severalKindsMustAllBeFound() {
    ModelDefinition m = TestModels.compile("j.Two", TestModels.header("j")
        + "@LockModel(expect = {Verdict.DEADLOCK, Verdict.VIOLATION})\n"
        + "public class Two {\n"
        + "  final Mutex a = new Mutex(\"a\"); final Mutex b = new Mutex(\"b\");\n"
        + "  @Task(\"x\") void x() { a.lock(); b.lock(); b.unlock(); a.unlock(); }\n"
        + "  @Task(\"y\") void y() { b.lock(); a.lock(); a.unlock(); b.unlock();"
        + " Kernel.check(false, \"y ran to the end\"); }\n"
        + "}\n");
    LockmcAssertions.assertExpected(m);
    AssertionError e = assertThrows(AssertionError.class, () -> LockmcAssertions.assertVerdict(m,
        org.lockmc.engine.ExplorerConfig.DEFAULTS, java.util.EnumSet.of(Verdict.DEADLOCK)));
    assertTrue(e.getMessage().contains("VIOLATION in y: check failed: y ran to the end"), e.getMessage());
    assertTrue(e.getMessage().contains("schedule (save it as schedule.txt"), e.getMessage());
  }

  @Test
  void aClassThatIsNotAModelIsAModelError() {
    ModelError e = assertThrows(ModelError.class,
        () -> LockmcAssertions.assertExpected(LockmcAssertionsTest.class));
    assertTrue(e.getMessage().contains("has no @LockModel annotation"), e.getMessage());
  }

  @Test
  void safeCannotBeCombinedWithABadKind() {
    assertThrows(IllegalArgumentException.class, () -> LockmcAssertions.assertVerdict(
        basics.AbbaFixedOrder.class, Verdict.SAFE, Verdict.DEADLOCK));
  }
}
