package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockmc.check.CheckOptions;
import org.lockmc.check.CheckResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.testing.TestModels;

/** The classifier names the right cause, and tells bounded runs apart. */
class ClassificationTest {
  private static Classification only(String name, String body, long maxExecutions) {
    ModelDefinition m = TestModels.compile("cl." + name, TestModels.header("cl")
        + "@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE)\npublic class " + name
        + " {\n  final Mutex a = new Mutex(\"a\");\n  final Mutex b = new Mutex(\"b\");\n"
        + "  final Completion done = new Completion(\"done\");\n" + body + "}\n");
    CheckResult r = TestModels.checkAll(m, TestModels.config(StrategyKind.DPOR)
        .withMaxExecutions(maxExecutions), CheckOptions.DEFAULT);
    assertEquals(1, r.lockdep().circular().size());
    return r.lockdep().circular().get(0).classification();
  }

  @Test
  void oneTaskInBothOrdersDoesNotRaceWithItself() {
    Classification c = only("OneTask", "  @Task(\"T\") void t() { a.lock(); b.lock(); b.unlock();"
        + " a.unlock(); b.lock(); a.lock(); a.unlock(); b.unlock(); }\n", 1000);
    assertEquals(Classification.Kind.FALSE_POSITIVE, c.kind());
    assertEquals("only T takes these locks in these orders, and a task does not race with"
        + " itself", c.reason());
  }

  /** Both orders, kept apart by a completion: a cycle no interleaving closes. */
  private static final String ORDERED_BY_A_COMPLETION =
      "  @Task(\"first\") void first() { a.lock(); b.lock(); b.unlock(); a.unlock();"
      + " done.complete(); }\n"
      + "  @Task(\"second\") void second() { done.waitForCompletion(); b.lock(); a.lock();"
      + " a.unlock(); b.unlock(); }\n";

  @Test
  void anOrderingThatIsNotALockIsNamedInGeneral() {
    String tasks = ORDERED_BY_A_COMPLETION
        + "  @Task(\"other\") void other() { a.lock(); a.unlock(); }\n";
    Classification c = only("Ordered", tasks, 1000);
    assertEquals(Classification.Kind.FALSE_POSITIVE, c.kind());
    assertTrue(c.reason().startsWith("no interleaving closes the cycle ("), c.reason());
    Classification bounded = only("Ordered2", tasks, 1);
    assertEquals(Classification.Kind.UNKNOWN, bounded.kind());
    assertEquals("exploration bounded by executions=1: no deadlock through these classes in 1"
        + " executions", bounded.reason());
  }

  @Test
  void aHangWithholdsTheFalsePositive() {
    // the same ordered scheme, plus a task stuck on a completion nobody completes: lockmc cannot
    // tell whether that stuck wait stands for one of the cycle's locks, so it does not clear it
    String tasks = "  final Completion never = new Completion(\"never\");\n"
        + ORDERED_BY_A_COMPLETION
        + "  @Task(\"stuck\") void stuck() { never.waitForCompletion(); }\n";
    Classification c = only("OrderedWithHang", tasks, 1000);
    assertEquals(Classification.Kind.UNKNOWN, c.kind());
    assertTrue(c.reason().startsWith("no wait-for cycle closes, but the exploration found HANG"),
        c.reason());
  }

  @Test
  void aWitnessMustWaitOnAClassOfTheCycle() {
    DeadlockWitness.TaskWait bit = new DeadlockWitness.TaskWait("w", "schedule() [wait_on_bit(f,"
        + " 0)]", "bit 0 of f set by s", null, List.of("a", "b"));
    DeadlockWitness.TaskWait lock = new DeadlockWitness.TaskWait("s", "mutex_lock(m)",
        "mutex m held by w", "m", List.of());
    DeadlockWitness w = new DeadlockWitness("DEADLOCK[s, w]", "DEADLOCK", 1, List.of(bit, lock));
    assertFalse(w.covers(List.of("a", "b")), "held around an unrelated wait");
    assertTrue(w.covers(List.of("a", "m")));
    assertFalse(w.coversRecursion("m"));
    assertEquals(List.of(bit), w.invisibleWaits());
  }
}
