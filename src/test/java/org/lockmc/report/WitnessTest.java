package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockmc.check.Checker;
import org.lockmc.engine.Choice;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.model.Verdict;
import org.lockmc.report.Witness.Kind;
import org.lockmc.testing.TestModels;

/** What the replay of a counterexample records: rows, model lines, holds, waits, the cycle. */
class WitnessTest {
  @Test
  void theAbbaDeadlockShowsBothHoldsBothWaitsAndTheCycle() {
    ModelDefinition m = TestModels.libraryModel("basics.AbbaDeadlock");
    Counterexample cx = Checker.check(m, ExplorerConfig.DEFAULTS).exploration().counterexample(Verdict.DEADLOCK);
    Witness w = Witnesses.replay(m, ExplorerConfig.DEFAULTS, cx);

    assertEquals(cx.execution(), w.counterexample().execution(), "the exploration's number");
    assertEquals(List.of(
        new Witness.Row(Kind.STEP, 1, "A", "mutex_lock(a)", "AbbaDeadlock.java:24", null),
        new Witness.Row(Kind.STEP, 2, "B", "mutex_lock(b)", "AbbaDeadlock.java:32", null),
        new Witness.Row(Kind.BLOCKED, 0, "A", "mutex_lock(b)", "AbbaDeadlock.java:25",
            "mutex b held by B"),
        new Witness.Row(Kind.BLOCKED, 0, "B", "mutex_lock(a)", "AbbaDeadlock.java:33",
            "mutex a held by A")), w.rows());
    assertEquals(List.of(new Witness.Hold("A", "a", "", 0, -1), new Witness.Hold("B", "b", "", 1, -1)),
        w.holds());
    assertEquals(List.of(
        new Witness.Wait("A", "mutex_lock(b)", "mutex b held by B", 2, -1, List.of("B"), true),
        new Witness.Wait("B", "mutex_lock(a)", "mutex a held by A", 3, -1, List.of("A"), true)),
        w.waits());
    assertEquals(List.of(
        new Witness.Dependency("a", "b", "A", "mutex_lock(b)", "AbbaDeadlock.java:25"),
        new Witness.Dependency("b", "a", "B", "mutex_lock(a)", "AbbaDeadlock.java:33")),
        w.dependencies());
    assertEquals("AbbaDeadlock.java:25", w.site(), "the first blocking acquisition of the cycle");
    assertTrue(LockGraph.fromWitnesses(List.of(w)).hasCycle());
  }

  @Test
  void aWaitThatEndsRunsFromTheBlockToTheAcquisition() {
    ModelDefinition m = TestModels.compile("w.Handoff", TestModels.header("w")
        + "@LockModel(expect = Verdict.VIOLATION)\n"
        + "public class Handoff {\n"
        + "  final Mutex m = new Mutex(\"m\");\n"
        + "  @Task(\"A\") void a() { m.lock(); m.unlock(); }\n"
        + "  @Task(\"B\") void b() { m.lock(); m.unlock(); Kernel.check(false, \"end\"); }\n"
        + "}\n");
    List<Choice> schedule = List.of(new Choice("A", -1, "mutex_lock(m)"),
        new Choice("A", -1, "mutex_unlock(m)"), new Choice("B", -1, "mutex_lock(m)"),
        new Choice("B", -1, "mutex_unlock(m)"));
    Witnesses.Replay r = Witnesses.replay(m, ExplorerConfig.DEFAULTS, schedule);
    assertEquals(1, r.witnesses().size(), r.result().findingKeys().toString());
    Witness w = r.witnesses().get(0);
    List<Kind> kinds = w.rows().stream().map(Witness.Row::kind).toList();
    assertEquals(List.of(Kind.STEP, Kind.BLOCKED, Kind.STEP, Kind.STEP, Kind.STEP), kinds);
    assertEquals("mutex m held by A", w.rows().get(1).reason());
    assertEquals(List.of(new Witness.Wait("B", "mutex_lock(m)", "mutex m held by A", 1, 3,
        List.of(), false)), w.waits());
    assertEquals(List.of(new Witness.Hold("A", "m", "", 0, 2), new Witness.Hold("B", "m", "", 3, 4)),
        w.holds());
    assertTrue(w.finalWaits().isEmpty());
    String table = TraceReport.table(w);
    assertTrue(table.contains("[blocked: mutex m held by A]"), table);
  }

  @Test
  void theTimelineDrawsOneLanePerTaskHoldsWaitsAndTheCycle() {
    ModelDefinition m = TestModels.libraryModel("basics.AbbaDeadlock");
    Counterexample cx = Checker.check(m, ExplorerConfig.DEFAULTS).exploration().counterexample(Verdict.DEADLOCK);
    Witness w = Witnesses.replay(m, ExplorerConfig.DEFAULTS, cx);
    String svg = TimelineSvg.render(w, List.of("a", "b"), "t1");
    assertEquals(2, LockGraphTest.count(svg, "<g class=\"lane cycle\""), svg);
    assertEquals(2, LockGraphTest.count(svg, "<rect class=\"hold\""), svg);
    assertEquals(2, LockGraphTest.count(svg, "<line class=\"wait cycle\""), svg);
    assertEquals(2, LockGraphTest.count(svg, "<g class=\"cycle-arrow\""), svg);
    assertTrue(svg.contains(">A waits for B</text>"), svg);
    assertTrue(svg.contains("stroke-dasharray"), svg);
    assertEquals(svg, TimelineSvg.render(w, List.of("a", "b"), "t1"), "deterministic");
  }

  @Test
  void aLivelocksThousandsOfStepsAreShortenedInTheTableAndTheTimeline() {
    ModelDefinition m = TestModels.compile("w.Spin", TestModels.header("w")
        + "@LockModel(expect = Verdict.LIVELOCK)\n"
        + "public class Spin {\n"
        + "  final Mutex m = new Mutex(\"m\");\n"
        + "  @Task(\"spin\") void spin() { while (true) { m.lock(); m.unlock(); } }\n"
        + "}\n");
    ExplorerConfig c = ExplorerConfig.DEFAULTS.withMaxStepsPerTask(400);
    Counterexample cx = Checker.check(m, c).exploration().counterexample(Verdict.LIVELOCK);
    Witness w = Witnesses.replay(m, c, cx);
    assertTrue(w.rows().size() > 400, "the witness keeps every step: " + w.rows().size());
    String table = TraceReport.table(w);
    assertTrue(table.contains("rows not shown)"), table);
    assertTrue(table.lines().count() < 2 * TraceReport.KEEP_ROWS + 10, "shortened");
    String svg = TimelineSvg.render(w, List.of("m"), "t");
    assertEquals(TimelineSvg.MAX_ROWS, LockGraphTest.count(svg, "<text class=\"op"), "last rows");
    assertTrue(LockGraphTest.count(svg, "<rect class=\"hold\"") > 0, "holds in the window: " + svg);
  }

  @Test
  void longCellsWrapInsteadOfBeingCut() {
    assertEquals(List.of("blocked: percpu rwsem", "cpu_hotplug_lock write", "pending"),
        TraceReport.wrap("blocked: percpu rwsem cpu_hotplug_lock write pending", 22));
    assertEquals(List.of("abcdef", "ghij"), TraceReport.wrap("abcdefghij", 6));
  }
}
