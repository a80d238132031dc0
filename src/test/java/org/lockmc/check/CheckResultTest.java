package org.lockmc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.model.Lockdep;
import org.lockmc.testing.TestModels;

/** The model's lockdep expectation is part of "as expected"; lockdep can be switched off. */
class CheckResultTest {
  private static final String ABBA = TestModels.header("cr")
      + "@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.%s)\n"
      + "public class %s {\n"
      + "  final Mutex a = new Mutex(\"a\");\n"
      + "  final Mutex b = new Mutex(\"b\");\n"
      + "  @Task(\"A\") void first() { a.lock(); b.lock(); b.unlock(); a.unlock(); }\n"
      + "  @Task(\"B\") void second() { b.lock(); a.lock(); a.unlock(); b.unlock(); }\n"
      + "}\n";

  private static ModelDefinition abba(String lockdep) {
    String name = "Abba" + lockdep.replace("_", "");
    return TestModels.compile("cr." + name, String.format(ABBA, lockdep, name));
  }

  @Test
  void aWrongLockdepExpectationIsUnexpected() {
    CheckResult r = Checker.check(abba("NO_CYCLE"), TestModels.config(StrategyKind.DPOR));
    assertTrue(r.exploration().asExpected());
    assertEquals(Lockdep.CYCLE, r.lockdep().verdict());
    assertFalse(r.lockdepAsExpected());
    assertFalse(r.asExpected());
  }

  @Test
  void theRightExpectationAndAnUnstatedOneAreAsExpected() {
    assertTrue(Checker.check(abba("CYCLE"), TestModels.config(StrategyKind.DPOR)).asExpected());
    assertTrue(Checker.check(abba("UNSPECIFIED"), TestModels.config(StrategyKind.DPOR))
        .asExpected());
  }

  @Test
  void withLockdepOffNothingIsRecordedOrChecked() {
    CheckResult r = Checker.check(abba("NO_CYCLE"), TestModels.config(StrategyKind.DPOR),
        CheckOptions.DEFAULT.withLockdep(false));
    assertNull(r.lockdep());
    assertTrue(r.asExpected());
  }

  @Test
  void everyLibraryModelMeetsItsLockdepExpectation() {
    List<String> wrong = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("models")) {
      CheckResult r = Checker.check(m, TestModels.config(StrategyKind.DPOR));
      if (m.lockdep() != Lockdep.UNSPECIFIED && !r.lockdepAsExpected()) {
        wrong.add(m.name() + ": lockdep " + r.lockdep().summary() + ", expected " + m.lockdep());
      }
    }
    assertEquals(List.of(), wrong);
  }
}
