package org.lockmc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/**
 * Plain Java fields and arrays as shared memory: races on them are explored (under both
 * strategies), and failures of model code (checks, assertions, exceptions, endless local loops)
 * are verdicts with a trace.
 */
class SharedMemoryTest {

  private static ModelDefinition model(String name, String body) {
    return TestModels.compile("shared." + name, TestModels.header("shared")
        + "@LockModel(expect = Verdict.SAFE) public class " + name + " {\n" + body + "\n}\n");
  }

  private static void assertBoth(ModelDefinition m, Set<Verdict> expected) {
    for (StrategyKind s : new StrategyKind[] {StrategyKind.DPOR, StrategyKind.EXHAUSTIVE}) {
      ExplorationResult r = TestModels.check(m, s);
      assertTrue(r.complete(), m.name() + " " + s);
      assertEquals(expected, r.found(), m.name() + " under " + s + ": " + r.findingKeys());
    }
  }

  private static final String COUNTER_TASKS = String.join("\n",
      "  @Task(\"init\") void init() {",
      "    Kthread a = Kernel.kthreadRun(\"a\", this::add);",
      "    Kthread b = Kernel.kthreadRun(\"b\", this::add);",
      "    a.stop();",
      "    b.stop();",
      "    Kernel.check(wide == 2L && reals[1] == 2.0, \"an increment was lost\");",
      "  }");

  @Test
  void aLostUpdateOnPlainFieldsIsFound() {
    ModelDefinition m = model("LostUpdate", String.join("\n",
        "  long wide;",
        "  final double[] reals = new double[2];",
        "  void add() { wide += 1; reals[1] += 1.0; }",
        COUNTER_TASKS));
    assertBoth(m, Set.of(Verdict.VIOLATION));
  }

  @Test
  void theSameUpdatesUnderAMutexAreSafe() {
    ModelDefinition m = model("LockedUpdate", String.join("\n",
        "  final Mutex lock = new Mutex(\"lock\");",
        "  long wide;",
        "  final double[] reals = new double[2];",
        "  void add() { lock.lock(); wide += 1; reals[1] += 1.0; lock.unlock(); }",
        COUNTER_TASKS));
    assertBoth(m, Set.of());
  }

  @Test
  void fieldsOfOtherObjectsAreSharedToo() {
    ModelDefinition m = model("MmUsers", String.join("\n",
        "  static final class Mm { int users = 1; }",
        "  final Mm mm = new Mm();",
        "  @Task(\"exit\") void exit() { mm.users = mm.users - 1; }",
        "  @Task(\"ksmd\") void ksmd() {",
        "    if (mm.users != 0) { Kernel.check(mm.users != 0, \"mm_users dropped after the test\"); }",
        "  }"));
    assertBoth(m, Set.of(Verdict.VIOLATION));
  }

  @Test
  void aFailedAssertIsAViolation() {
    ModelDefinition m = model("Asserting", String.join("\n",
        "  int flag;",
        "  @Task(\"a\") void a() { flag = 1; }",
        "  @Task(\"b\") void b() { assert flag == 0 : \"flag already set\"; }"));
    ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
    assertEquals(Set.of("VIOLATION[b: assertion failed: flag already set]"), r.findingKeys());
  }

  @Test
  void anExceptionThrownByATaskIsAViolationNamingItsLine() {
    ModelDefinition m = model("Throwing", String.join("\n",
        "  int[] slots = new int[1];",
        "  @Task(\"a\") void a() { slots = null; }",
        "  @Task(\"b\") void b() { int[] s = slots; if (s == null) throw new IllegalStateException(\"no slots\"); }"));
    ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
    assertEquals(Set.of("VIOLATION[b: exception java.lang.IllegalStateException: no slots at"
        + " Throwing.java:7]"), r.findingKeys());
  }

  @Test
  void aLoopThatTouchesNothingSharedIsALivelockNotAHang() {
    ModelDefinition m = model("Spinner", String.join("\n",
        "  int flag;",
        "  @Task(\"spinner\") void spin() {",
        "    int local = flag;",
        "    while (local == 0) { local = local * 2; }",
        "  }",
        "  @Task(\"setter\") void set() { flag = 1; }"));
    ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
    assertTrue(r.complete());
    assertEquals(Set.of("LIVELOCK[spinner]"), r.findingKeys());
  }

  @Test
  void dataChoicesAreEnumerated() {
    ModelDefinition m = model("Choices", String.join("\n",
        "  int seen;",
        "  @Task(\"oom\") void oom() {",
        "    int victim = Kernel.choose(3);",
        "    seen = seen | (1 << victim);",
        "    Kernel.check(victim != 2, \"picked the third candidate\");",
        "  }"));
    for (StrategyKind s : new StrategyKind[] {StrategyKind.DPOR, StrategyKind.EXHAUSTIVE}) {
      ExplorationResult r = TestModels.check(m, s);
      assertEquals(3, r.executions(), s.name());
      assertEquals(Set.of("VIOLATION[oom: check failed: picked the third candidate]"),
          r.findingKeys());
    }
  }
}
