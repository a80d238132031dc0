package org.lockmc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.check.Checker;
import org.lockmc.model.Verdict;
import org.lockmc.report.ScheduleFile;
import org.lockmc.testing.TestModels;

/** Counterexamples replay exactly; diverging schedules fail loudly; bounds say so. */
class ReplayAndBoundsTest {

  @Test
  void aDeadlockScheduleReplayedInAFreshEngineReachesTheSameCycle() {
    for (String name : List.of("basics.AbbaDeadlock", "basics.PercpuHotplugInversion",
        "basics.RwsemReadRecursionQueuedWriter")) {
      ModelDefinition m = TestModels.libraryModel(name);
      Counterexample cx = TestModels.check(m, StrategyKind.DPOR).counterexample(Verdict.DEADLOCK);
      ExplorationResult replay = Checker.replay(m, TestModels.config(StrategyKind.DPOR), cx.schedule());
      assertEquals(Set.of(cx.finding().key()), replay.findingKeys(), name);
      assertFalse(replay.complete(), "a replay is not a proof");
    }
  }

  @Test
  void aScheduleSurvivesItsTextForm() {
    ModelDefinition m = TestModels.libraryModel("basics.AbbaDeadlock");
    Counterexample cx = TestModels.check(m, StrategyKind.DPOR).counterexample(Verdict.DEADLOCK);
    String text = ScheduleFile.write(m.name(), "models", cx);
    ScheduleFile.Parsed parsed = ScheduleFile.parse(text, "schedule.txt");
    assertEquals(cx.schedule(), parsed.choices());
    assertEquals(cx.finding().key(), parsed.finding());
  }

  @Test
  void aScheduleThatDivergesFailsNamingTheStep() {
    ModelDefinition m = TestModels.libraryModel("basics.AbbaDeadlock");
    Counterexample cx = TestModels.check(m, StrategyKind.DPOR).counterexample(Verdict.DEADLOCK);
    List<Choice> wrong = new ArrayList<>(cx.schedule());
    Choice second = wrong.get(1);
    wrong.set(1, new Choice(second.task(), -1, "mutex_lock(z)"));
    ModelError e = assertThrows(ModelError.class,
        () -> Checker.replay(m, TestModels.config(StrategyKind.DPOR), wrong));
    assertTrue(e.getMessage().contains("diverges at decision 2"), e.getMessage());
    assertTrue(e.getMessage().contains("mutex_lock(z)"), e.getMessage());
  }

  @Test
  void theExecutionBoundShowsTheBoundedLabel() {
    ModelDefinition m = TestModels.libraryModel("basics.PercpuHotplugConsistentOrder");
    ExplorationResult r = TestModels.check(m, TestModels.config(StrategyKind.DPOR).withMaxExecutions(3));
    assertEquals("UNKNOWN (bounded by executions=3)", r.verdict());
    assertFalse(r.complete());
    assertFalse(r.asExpected(), "a bounded run never passes for SAFE");
  }

  @Test
  void theTimeBoundShowsTheBoundedLabel() {
    ModelDefinition m = TestModels.libraryModel("basics.PercpuHotplugConsistentOrder");
    ExplorationResult r = TestModels.check(m,
        TestModels.config(StrategyKind.EXHAUSTIVE).withTimeLimit(Duration.ZERO));
    assertTrue(r.verdict().startsWith("UNKNOWN (bounded by time="), r.verdict());
    assertFalse(r.complete());
  }

  @Test
  void theStepBoundMakesARunawayTaskALivelockNamingItsLastStep() {
    ModelDefinition m = TestModels.compile("b.Spin", TestModels.header("b")
        + "@LockModel(expect = Verdict.LIVELOCK)\npublic class Spin {\n"
        + "  final BitWord w = new BitWord(\"w\");\n"
        + "  @Task void spin() { while (true) { w.testBit(0); Kernel.condResched(); } }\n}\n");
    ExplorationResult r = TestModels.check(m, TestModels.config(StrategyKind.DPOR).withMaxStepsPerTask(50));
    assertEquals(Set.of(Verdict.LIVELOCK), r.found());
    Finding.Livelock f = (Finding.Livelock) r.counterexample(Verdict.LIVELOCK).finding();
    assertEquals(51, f.steps());
    assertTrue(r.complete() && r.asExpected());
  }

  @Test
  void theRandomStrategyIsNeverAProof() {
    ModelDefinition m = TestModels.libraryModel("basics.AbbaFixedOrder");
    ExplorationResult r = TestModels.check(m,
        TestModels.config(StrategyKind.RANDOM).withMaxExecutions(20));
    assertEquals("UNKNOWN (bounded by strategy=random)", r.verdict());
  }

  @Test
  void explorationIsDeterministic() {
    ModelDefinition m = TestModels.libraryModel("basics.PercpuHotplugInversion");
    ExplorationResult a = TestModels.check(m, StrategyKind.DPOR);
    ExplorationResult b = TestModels.check(m, StrategyKind.DPOR);
    assertEquals(a.executions(), b.executions());
    assertEquals(a.counterexample(Verdict.DEADLOCK), b.counterexample(Verdict.DEADLOCK));
  }
}
