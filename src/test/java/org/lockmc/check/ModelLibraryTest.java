package org.lockmc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/**
 * Every model of the library ({@code models/}) gets its expected result under DPOR, and the same
 * findings under exhaustive exploration whenever that finishes within a modest bound.
 */
class ModelLibraryTest {

  @Test
  void everyLibraryModelIsAsExpectedUnderBothStrategies() {
    List<String> failures = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("models")) {
      ExplorationResult dpor = TestModels.check(m, StrategyKind.DPOR);
      if (!dpor.asExpected()) {
        failures.add(m.name() + ": dpor found " + dpor.verdict() + ", expected " + m.expect());
      }
      ExplorationResult all = TestModels.check(m, TestModels.config(StrategyKind.EXHAUSTIVE)
          .withMaxExecutions(30_000));
      if (all.complete() && !all.findingKeys().equals(dpor.findingKeys())) {
        failures.add(m.name() + ": dpor " + dpor.findingKeys() + " but exhaustive "
            + all.findingKeys());
      }
      // a bounded exhaustive run sees a subset of the schedules: whatever it found, the complete
      // DPOR exploration must have found too
      if (!all.complete() && !dpor.findingKeys().containsAll(all.findingKeys())) {
        failures.add(m.name() + ": bounded exhaustive found " + all.findingKeys()
            + " which dpor missed: " + dpor.findingKeys());
      }
    }
    assertEquals(List.of(), failures);
  }

  /**
   * Every counterexample's schedule replays to the same finding, with shared-field accesses,
   * dynamic tasks, data choices and local lockdep annotations in the models.
   */
  @Test
  void everyLibraryCounterexampleReplays() {
    List<String> failures = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("models")) {
      ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
      for (org.lockmc.engine.Counterexample cx : r.counterexamples()) {
        ExplorationResult replay = Checker.replay(m, TestModels.config(StrategyKind.DPOR),
            cx.schedule());
        if (!replay.findingKeys().contains(cx.finding().key())) {
          failures.add(m.name() + ": " + cx.finding().key() + " not reproduced, got "
              + replay.findingKeys());
        }
      }
    }
    assertEquals(List.of(), failures);
  }

  /** Seed 001 S1: the check-then-act race on ksm_run, before and after 5/12. */
  @Test
  void ksmRunReadOutsideTheMutexIsAViolationAndTheFixIsSafeUnderBothStrategies() {
    for (StrategyKind s : new StrategyKind[] {StrategyKind.DPOR, StrategyKind.EXHAUSTIVE}) {
      ExplorationResult before = TestModels.check(
          TestModels.libraryModel("ksm2009.KsmRunReadOutsideMutex"), s);
      assertTrue(before.complete());
      assertEquals(Set.of("VIOLATION[ksmd: check failed: ksm_do_scan() merged pages after"
          + " run_store set ksm_run to KSM_RUN_STOP]"), before.findingKeys(), s.name());
      ExplorationResult after = TestModels.check(
          TestModels.libraryModel("ksm2009.KsmRunCheckedUnderMutex"), s);
      assertTrue(after.complete());
      assertEquals(Set.of(), after.found(), s.name());
      assertEquals("SAFE", after.verdict());
    }
  }

  /** The counterexample of S1 names the unlocked read that makes it. */
  @Test
  void theS1CounterexampleShowsTheUnlockedReadBeforeTheStore() {
    ExplorationResult r = TestModels.check(
        TestModels.libraryModel("ksm2009.KsmRunReadOutsideMutex"), StrategyKind.DPOR);
    List<String> ops = new ArrayList<>();
    r.counterexample(Verdict.VIOLATION).trace().forEach(e -> ops.add(e.task() + " " + e.op()));
    int read = ops.indexOf("ksmd READ ksmRun");
    int store = ops.indexOf("run_store WRITE ksmRun");
    int lock = ops.lastIndexOf("ksmd mutex_lock(ksm_thread_mutex)");
    assertTrue(read >= 0 && read < store && store < lock, ops.toString());
  }
}
