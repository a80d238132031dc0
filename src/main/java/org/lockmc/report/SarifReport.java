package org.lockmc.report;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.model.Verdict;

/**
 * Renders a SARIF 2.1.0 log for code-scanning tools: one result per model whose result differs
 * from its expectation (rule {@code lockmc/unexpected-result}) and one per deadlock the explorer
 * reached (rule {@code lockmc/deadlock}), located at the model's source line where the blocking
 * acquisition happens. A deadlock result also carries the other blocked acquisitions as related
 * locations and the interleaving as a code flow with one thread flow per task.
 *
 * <p>Locations are relative to the working directory lockmc ran in (normally the repository
 * root), as code-scanning uploads expect. The log holds no timestamps, so it is deterministic.
 */
public final class SarifReport {
  /** The schema the output validates against (the OASIS standard with its errata). */
  public static final String SCHEMA =
      "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
  static final String DEADLOCK = "lockmc/deadlock";
  static final String UNEXPECTED = "lockmc/unexpected-result";

  private SarifReport() {}

  /** The SARIF log of {@code reports}. */
  public static String render(List<ModelReport> reports, String toolVersion) {
    List<Object> results = new ArrayList<>();
    for (ModelReport r : reports) {
      if (!r.asExpected()) {
        results.add(unexpected(r));
      }
      for (Witness w : r.witnesses()) {
        if (w.finding().kind() == Verdict.DEADLOCK) {
          results.add(deadlock(r, w));
        }
      }
    }
    Json.Obj driver = Json.object().put("name", "lockmc").put("version", toolVersion)
        .put("rules", List.of(
            rule(DEADLOCK, "Reachable deadlock",
                "Tasks of the model block in a cycle of the wait-for graph: none can proceed.",
                "Break the cycle: take the locks in one order everywhere, or release the held lock"
                    + " before waiting. Replay the interleaving with lockmc replay."),
            rule(UNEXPECTED, "Result differs from the model's expectation",
                "The checked result of a lock model is not the one its @LockModel(expect = ...)"
                    + " states.",
                "Either the locking design changed (fix it, or update the expectation) or the"
                    + " model is wrong. The counterexample shows the interleaving.")));
    Json.Obj run = Json.object().put("tool", Json.object().put("driver", driver))
        .put("columnKind", "utf16CodeUnits").put("results", results);
    return Json.print(Json.object().put("$schema", SCHEMA).put("version", "2.1.0")
        .put("runs", List.of(run)));
  }

  private static Json.Obj rule(String id, String name, String full, String help) {
    return Json.object().put("id", id).put("name", name.replace(' ', '-').replace("'", ""))
        .put("shortDescription", text(name)).put("fullDescription", text(full))
        .put("help", text(help));
  }

  private static Json.Obj unexpected(ModelReport r) {
    String found = r.result().verdict();
    String message = r.name() + ": the result is " + found + " but the model expects "
        + SummaryJson.expected(r.model()) + ".";
    Witness first = r.witnesses().isEmpty() ? null : r.witnesses().get(0);
    if (first != null) {
      message += " " + first.finding().summary() + " (execution " + first.counterexample()
          .execution() + ").";
    }
    Json.Obj res = Json.object().put("ruleId", UNEXPECTED).put("level", "error")
        .put("message", text(message))
        .put("locations", List.of(location(r, first == null ? null : first.site(), null)));
    return res.put("properties", Json.object().put("model", r.name()).put("result", found)
        .put("expected", SummaryJson.expected(r.model())));
  }

  private static Json.Obj deadlock(ModelReport r, Witness w) {
    StringBuilder m = new StringBuilder(r.name()).append(": ").append(w.finding().summary())
        .append(" (execution ").append(w.counterexample().execution()).append(").");
    List<Object> related = new ArrayList<>();
    for (Witness.Wait wait : w.finalWaits()) {
      if (!wait.inCycle()) {
        continue;
      }
      m.append(' ').append(wait.task()).append(": ").append(wait.op()).append(" -- ")
          .append(wait.reason()).append('.');
      String site = w.rows().get(wait.from()).site();
      if (site != null) {
        related.add(location(r, site, wait.task() + " blocks in " + wait.op() + ": "
            + wait.reason()).put("id", related.size()));
      }
    }
    Json.Obj res = Json.object().put("ruleId", DEADLOCK)
        .put("level", r.asExpected() ? "warning" : "error")
        .put("message", text(m.toString()))
        .put("locations", List.of(location(r, w.site(), null)));
    if (!related.isEmpty()) {
      res.put("relatedLocations", related);
    }
    res.put("codeFlows", List.of(codeFlow(r, w)));
    return res.put("properties", Json.object().put("model", r.name())
        .put("finding", w.finding().key()).put("expected", r.asExpected()));
  }

  /** One thread flow per task that appears in the trace, its steps in execution order. */
  private static Json.Obj codeFlow(ModelReport r, Witness w) {
    List<Object> threads = new ArrayList<>();
    for (String task : w.tasks()) {
      List<Object> locs = new ArrayList<>();
      for (int i = 0; i < w.rows().size(); i++) {
        Witness.Row row = w.rows().get(i);
        if (!row.task().equals(task)) {
          continue;
        }
        String what = row.kind() == Witness.Kind.BLOCKED
            ? row.text() + " blocks: " + row.reason() : row.text();
        locs.add(Json.object().put("location", location(r, row.site(), what))
            .put("executionOrder", i + 1));
      }
      if (!locs.isEmpty()) {
        threads.add(Json.object().put("id", task).put("message", text("task " + task))
            .put("locations", locs));
      }
    }
    return Json.object().put("message", text(w.finding().summary())).put("threadFlows", threads);
  }

  /** A location in the model's file at {@code site}'s line (the file alone without a site). */
  private static Json.Obj location(ModelReport r, String site, String message) {
    Json.Obj loc = Json.object();
    String file = r.model().sourceFile();
    int line = -1;
    if (site != null && site.lastIndexOf(':') > 0) {
      String siteFile = site.substring(0, site.lastIndexOf(':'));
      line = parseLine(site.substring(site.lastIndexOf(':') + 1));
      if (file == null) {
        file = siteFile;
      } else if (!file.endsWith("/" + siteFile) && !file.equals(siteFile)) {
        // The line is in another file of the model's folder (a helper class).
        int slash = file.lastIndexOf('/');
        file = slash < 0 ? siteFile : file.substring(0, slash + 1) + siteFile;
      }
    }
    if (file != null) {
      Json.Obj physical = Json.object().put("artifactLocation", Json.object().put("uri", file));
      if (line > 0) {
        physical.put("region", Json.object().put("startLine", line));
      }
      loc.put("physicalLocation", physical);
    }
    loc.put("logicalLocations", List.of(Json.object().put("fullyQualifiedName", r.name())
        .put("kind", "type")));
    if (message != null) {
      loc.put("message", text(message));
    }
    return loc;
  }

  private static int parseLine(String s) {
    try {
      return Integer.parseInt(s);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static Json.Obj text(String s) {
    return Json.object().put("text", s);
  }
}
