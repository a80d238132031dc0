package org.lockmc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.lockmc.check.CheckOptions;
import org.lockmc.check.CheckResult;
import org.lockmc.lockdep.InvisibleDeadlock;
import org.lockmc.lockdep.LockdepReport;
import org.lockmc.testing.TestModels;

/**
 * The lockdep view does not depend on the strategy: on random lock models, DPOR and exhaustive
 * exploration give the same reports (cycles by class set, recursive locking by class), the same
 * verdict on each, and the same invisible deadlocks. Lockdep records every acquisition a task
 * reaches, so DPOR's reduction must not lose any.
 */
class LockdepDifferentialTest {

  @Test
  void dporAndExhaustiveGiveTheSameLockdepView() {
    Random random = new Random(5);
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < Integer.getInteger("lockmc.randomLockdepModels", 120); i++) {
      String name = "randomlockdep.Model" + i;
      sources.put(name, DporDifferentialTest.lockModel(name, random));
    }
    List<String> failures = new ArrayList<>();
    int cycles = 0;
    for (Map.Entry<String, ModelDefinition> e : TestModels.compile(sources).entrySet()) {
      CheckResult dpor = TestModels.checkAll(e.getValue(), TestModels.config(StrategyKind.DPOR),
          CheckOptions.DEFAULT);
      CheckResult all = TestModels.checkAll(e.getValue(),
          TestModels.config(StrategyKind.EXHAUSTIVE), CheckOptions.DEFAULT);
      assertTrue(dpor.exploration().complete() && all.exploration().complete(), e.getKey());
      String a = view(dpor.lockdep());
      String b = view(all.lockdep());
      if (!a.equals(b)) {
        failures.add(e.getKey() + ":\n  dpor       " + a + "\n  exhaustive " + b + "\n"
            + sources.get(e.getKey()));
      }
      cycles += dpor.lockdep().circular().size() + dpor.lockdep().recursive().size();
    }
    assertEquals(List.of(), failures);
    assertTrue(cycles >= 8, "the random models exercise the cycle search: " + cycles);
  }

  /** What must not depend on the strategy, as text. */
  private static String view(LockdepReport r) {
    Map<String, String> reports = new TreeMap<>();
    for (LockdepReport.Circular c : r.circular()) {
      reports.put("cycle" + new TreeSet<>(c.cycle().classNames()),
          c.classification().kind().name());
    }
    for (LockdepReport.Recursive c : r.recursive()) {
      reports.put("recursive " + c.report().lockClass(), c.classification().kind().name());
    }
    TreeSet<String> invisible = new TreeSet<>();
    for (InvisibleDeadlock d : r.invisible()) {
      invisible.add(d.witness().key());
    }
    return r.verdict() + " " + reports + " invisible " + invisible + " misuse "
        + r.misuse().size();
  }
}
