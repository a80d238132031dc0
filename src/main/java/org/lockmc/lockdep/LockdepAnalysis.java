package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.ExplorationResult;

/**
 * Turns what a {@link LockdepRecorder} saw during one exploration into a {@link LockdepReport}:
 * searches the cycles, classifies every report against the deadlocks the explorer reached, and
 * lists the deadlocks no report covers.
 */
public final class LockdepAnalysis {
  private LockdepAnalysis() {}

  /** The lockdep report of {@code model} after {@code exploration}, seen by {@code recorder}. */
  public static LockdepReport analyse(String model, LockdepRecorder recorder,
      ExplorationResult exploration) {
    DependencyGraph graph = recorder.graph();
    Classifier classifier = new Classifier(graph, recorder.rules(), recorder.witnesses(),
        exploration);
    List<Cycle> cycles = CycleSearch.run(graph, recorder.rules());
    List<LockdepReport.Circular> circular = new ArrayList<>();
    for (Cycle c : cycles) {
      circular.add(new LockdepReport.Circular(c, classifier.circular(c)));
    }
    List<LockdepReport.Recursive> recursive = new ArrayList<>();
    List<MisuseReport.RecursiveLocking> recursiveReports = new ArrayList<>();
    List<MisuseReport> misuse = new ArrayList<>();
    for (MisuseReport m : recorder.misuse()) {
      if (m instanceof MisuseReport.RecursiveLocking) {
        MisuseReport.RecursiveLocking r = (MisuseReport.RecursiveLocking) m;
        recursiveReports.add(r);
        recursive.add(new LockdepReport.Recursive(r, classifier.recursive(r)));
      } else {
        misuse.add(m);
      }
    }
    List<String> violations = new ArrayList<>();
    for (String key : exploration.findingKeys()) {
      if (key.startsWith("VIOLATION[")) {
        violations.add(key);
      }
    }
    return new LockdepReport(model, recorder.rules(), graph, classifier, circular, recursive,
        misuse, classifier.invisible(cycles, recursiveReports), violations,
        exploration.executions(), exploration.complete());
  }
}
