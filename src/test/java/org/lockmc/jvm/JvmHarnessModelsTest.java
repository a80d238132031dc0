package org.lockmc.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.TaskSpec;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.model.Verdict;
import org.lockmc.testing.ExtraModels;
import org.lockmc.testing.TestModels;

/**
 * Every model of the library runs on the JVM harness, and whatever a run shows is among what the
 * model expects: the harness never sees a problem lockmc's exploration rules out (a SAFE model
 * always runs cleanly).
 */
class JvmHarnessModelsTest {
  private static final int RUNS = 5;

  @TestFactory
  Stream<DynamicTest> everyModelRunsOnTheHarness() {
    List<ModelDefinition> models = new ArrayList<>(TestModels.library("models"));
    assertTrue(models.size() >= 9, "the model library");
    models.addAll(TestModels.compile(ExtraModels.sources()).values());
    return models.stream().map(m -> DynamicTest.dynamicTest(m.name(), () -> {
      // a livelocking model spins until the time limit on the JVM: one short run is enough to
      // see that nothing worse than what it expects shows up
      boolean spins = m.expect().contains(Verdict.LIVELOCK);
      Duration limit = spins ? Duration.ofSeconds(2) : Duration.ofMinutes(1);
      for (int i = 0; i < (spins ? 1 : RUNS); i++) {
        JvmOutcome o = JvmHarness.run(m.type(), m.tasks(), Semantics.KERNEL, null, limit);
        Set<Verdict> seen = new HashSet<>(o.seen());
        if (m.expect().contains(Verdict.SAFE)) {
          assertTrue(o.clean(), o.render(m.name()));
        } else {
          assertTrue(m.expect().containsAll(seen), o.render(m.name()) + " expected " + m.expect());
        }
      }
    }));
  }

  @TestFactory
  Stream<DynamicTest> reflectionFindsTheTasksModelDefinitionFinds() {
    return TestModels.library("models").stream().map(m -> DynamicTest.dynamicTest(m.name(),
        () -> assertEquals(names(m.tasks()), names(JvmHarness.tasksOf(m.type())))));
  }

  private static Set<String> names(List<TaskSpec> specs) {
    Set<String> names = new HashSet<>();
    for (TaskSpec s : specs) {
      for (int i = 0; i < s.instances(); i++) {
        names.add(s.instanceName(i));
      }
    }
    return names;
  }
}
