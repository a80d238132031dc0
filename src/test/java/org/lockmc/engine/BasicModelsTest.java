package org.lockmc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.check.Checker;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/**
 * The first models of the library, under both strategies; DPOR's reduction; and the rule that
 * makes the rwsem and hotplug verdicts.
 */
class BasicModelsTest {
  static Stream<ModelDefinition> basics() {
    return TestModels.library("basics").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("basics")
  void resultEqualsExpectationUnderDpor(ModelDefinition m) {
    ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
    assertTrue(r.asExpected(), m.name() + ": " + r.verdict() + " but expected " + m.expect());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("basics")
  void resultEqualsExpectationUnderExhaustive(ModelDefinition m) {
    ExplorationResult r = TestModels.check(m, StrategyKind.EXHAUSTIVE);
    assertTrue(r.asExpected(), m.name() + ": " + r.verdict() + " but expected " + m.expect());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("basics")
  void dporExploresFewerExecutionsWhenTasksHaveIndependentOperations(ModelDefinition m) {
    IndependenceProbe probe = new IndependenceProbe();
    ExplorerConfig c = TestModels.config(StrategyKind.DPOR);
    ExplorationResult dpor = Checker.explorer(m, c, Checker.strategy(c)).listener(probe).explore();
    ExplorationResult all = TestModels.check(m, StrategyKind.EXHAUSTIVE);
    assertEquals(all.findingKeys(), dpor.findingKeys());
    assertTrue(dpor.executions() <= all.executions());
    if (probe.independent) {
      assertTrue(dpor.executions() < all.executions(),
          m.name() + ": dpor " + dpor.executions() + " vs exhaustive " + all.executions());
    }
  }

  /** Notices two tasks operating on different objects: operations DPOR may commute. */
  static final class IndependenceProbe implements ExecutionListener {
    final java.util.Map<org.lockmc.engine.sync.SyncObject, Integer> firstUser =
        new java.util.IdentityHashMap<>();
    final java.util.Set<Integer> tasks = new java.util.HashSet<>();
    boolean independent;

    @Override
    public void executionStarted() {
      firstUser.clear();
      tasks.clear();
    }

    @Override
    public void performed(org.lockmc.engine.sync.TaskState task,
        org.lockmc.engine.sync.Op op, org.lockmc.engine.sync.Step step) {
      if (op instanceof org.lockmc.engine.sync.TaskLife.Exit || op.local()) {
        return; // performed without a scheduling decision: nothing to interleave
      }
      firstUser.putIfAbsent(op.object(), task.id());
      tasks.add(task.id());
      java.util.Set<Integer> users = new java.util.HashSet<>(firstUser.values());
      if (tasks.size() > 1 && firstUser.size() > 1 && users.size() > 1) {
        independent = true;
      }
    }
  }

  @Test
  void disjointLocksTakeExactlyOneExecution() {
    ModelDefinition m = TestModels.libraryModel("basics.DisjointLocks");
    assertEquals(1, TestModels.check(m, StrategyKind.DPOR).executions());
    assertTrue(TestModels.check(m, StrategyKind.EXHAUSTIVE).executions() >= 90,
        "exhaustive exploration runs every order of the six lock operations (and more, as the"
            + " array reads are scheduling points too)");
  }

  /**
   * Rule (a): a queued (pending) writer blocks new readers. Switching it off turns the
   * rwsem-recursion and hotplug deadlocks into safe models: the rule is what makes the verdicts.
   */
  @Test
  void switchingOffRuleAFlipsTheRwsemAndHotplugModels() {
    ExplorerConfig off = TestModels.config(StrategyKind.DPOR).withSemantics(new Semantics(false));
    for (String name : List.of("basics.RwsemReadRecursionQueuedWriter",
        "basics.PercpuHotplugInversion", "basics.PercpuRecursiveReadPendingWriter")) {
      ModelDefinition m = TestModels.libraryModel(name);
      assertEquals(java.util.Set.of(Verdict.DEADLOCK),
          TestModels.check(m, StrategyKind.DPOR).found(), name + " with rule (a)");
      ExplorationResult without = TestModels.check(m, off);
      assertEquals("SAFE", without.verdict(), name + " without rule (a)");
      assertEquals("SAFE", TestModels.check(m, off.withStrategy(StrategyKind.EXHAUSTIVE)).verdict(),
          name + " without rule (a), exhaustive");
    }
  }
}
