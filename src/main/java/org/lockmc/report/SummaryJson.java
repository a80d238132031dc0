package org.lockmc.report;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.model.Verdict;

/**
 * Renders {@code summary.json} (one model) and the {@code lockmc check --json} document (every
 * model checked). Keys are snake_case and always in the same order; values hold no timings,
 * thread kinds, absolute paths or identity hash codes, so the same model and options give the
 * same bytes on every machine.
 */
public final class SummaryJson {
  /** Bumped when a key changes meaning or disappears (adding keys does not bump it). */
  public static final int FORMAT = 1;

  private SummaryJson() {}

  /** {@code summary.json} of one model. */
  public static String render(ModelReport report) {
    return Json.print(summary(report));
  }

  /** The {@code --json} document: every model's summary and the totals. */
  public static String results(List<ModelReport> reports) {
    List<Object> models = new ArrayList<>();
    int unexpected = 0;
    for (ModelReport r : reports) {
      models.add(summary(r));
      if (!r.asExpected()) {
        unexpected++;
      }
    }
    return Json.print(Json.object().put("format", FORMAT).put("tool", "lockmc")
        .put("models", models).put("checked", reports.size())
        .put("as_expected", reports.size() - unexpected).put("unexpected", unexpected));
  }

  /** The summary object of one model. */
  public static Json.Obj summary(ModelReport report) {
    ExplorationResult r = report.result();
    ModelDefinition m = report.model();
    Json.Obj o = Json.object().put("format", FORMAT).put("model", report.name())
        .put("source_file", m.sourceFile())
        .put("reference", m.source().isEmpty() ? null : m.source())
        .put("result", r.verdict())
        .put("found", names(new ArrayList<>(r.found())))
        .put("expected", names(new ArrayList<>(m.expect())))
        .put("as_expected", r.asExpected())
        .put("lockdep_expected", m.lockdep().name())
        .put("executions", r.executions())
        .put("redundant_executions", r.redundantExecutions())
        .put("complete", r.complete())
        .put("bound", r.bound())
        .put("longest_execution", r.longestExecution())
        .put("tasks", taskNames(report))
        .put("findings", new ArrayList<>(r.findingKeys()));
    List<Object> cxs = new ArrayList<>();
    for (int i = 0; i < report.witnesses().size(); i++) {
      cxs.add(counterexample(report.witnesses().get(i), report.scheduleFile(i)));
    }
    o.put("counterexamples", cxs);
    o.put("lock_graph", graph(report.graph()));
    o.put("lockdep_report", report.lockdepText() == null ? null : "lockdep.txt");
    return o.put("options", options(r.config()));
  }

  private static List<String> taskNames(ModelReport report) {
    List<String> names = new ArrayList<>();
    report.model().tasks().forEach(t -> {
      for (int i = 0; i < t.instances(); i++) {
        names.add(t.instanceName(i));
      }
    });
    return names;
  }

  private static Json.Obj counterexample(Witness w, String schedule) {
    int steps = 0;
    for (Witness.Row row : w.rows()) {
      if (row.kind() == Witness.Kind.STEP) {
        steps++;
      }
    }
    List<Object> blocked = new ArrayList<>();
    for (Witness.Wait wait : w.finalWaits()) {
      List<String> holds = new ArrayList<>();
      for (Witness.Hold h : w.holds()) {
        if (h.to() < 0 && h.task().equals(wait.task())) {
          holds.add(h.label());
        }
      }
      blocked.add(Json.object().put("task", wait.task()).put("op", wait.op())
          .put("at", w.rows().get(wait.from()).site()).put("reason", wait.reason())
          .put("waits_for", wait.waitsFor()).put("holds", holds).put("in_cycle", wait.inCycle()));
    }
    return Json.object().put("kind", w.finding().kind().name()).put("finding", w.finding().key())
        .put("summary", w.finding().summary()).put("execution", w.counterexample().execution())
        .put("at", w.site()).put("steps", steps).put("schedule", schedule)
        .put("tasks", w.tasks()).put("blocked", blocked);
  }

  private static Json.Obj graph(LockGraph g) {
    List<Object> edges = new ArrayList<>();
    for (LockGraph.Edge e : g.edges()) {
      edges.add(Json.object().put("from", e.from()).put("to", e.to()).put("cycle", e.cycle()));
    }
    return Json.object().put("origin", g.origin()).put("classes", g.nodes()).put("edges", edges)
        .put("has_cycle", g.hasCycle());
  }

  private static Json.Obj options(ExplorerConfig c) {
    return Json.object().put("strategy", c.strategy().name().toLowerCase())
        .put("max_executions", c.maxExecutions())
        .put("max_steps_per_task", c.maxStepsPerTask())
        .put("time_limit", c.timeLimit().toString())
        .put("threads", c.threads().name().toLowerCase())
        .put("seed", c.seed())
        .put("semantics", c.semantics().equals(Semantics.KERNEL) ? "kernel" : c.semantics().toString());
  }

  private static List<String> names(List<Verdict> vs) {
    List<String> out = new ArrayList<>();
    vs.forEach(v -> out.add(v.name()));
    return out;
  }

  /** {@code DEADLOCK} or {@code DEADLOCK, VIOLATION}: the expectation as people read it. */
  public static String expected(ModelDefinition m) {
    return String.join(", ", names(new ArrayList<>(m.expect())));
  }
}
