package org.lockmc.report;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.check.CheckResult;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;

/**
 * Everything the reports of one model show: the check result (exploration and lockdep view), each
 * counterexample replayed as a {@link Witness}, the lock-class graph, and the lockdep analysis
 * text when there is one. Built once per model; every renderer ({@link SummaryJson}, {@link
 * TraceReport}, {@link IndexHtml}, {@link SarifReport}) is a pure function of it.
 *
 * <p>Invariant: {@code witnesses} are in the order of {@link ExplorationResult#counterexamples()}
 * (verdict order), one per counterexample.
 *
 * @param check the check result
 * @param witnesses the replayed counterexamples
 * @param graph the lock-class graph: lockdep's, or lockmc's own record when lockdep was off
 * @param lockdepText the lockdep analysis of the model (its splats and their classification), or
 *     null when no analysis ran
 */
public record ModelReport(CheckResult check, List<Witness> witnesses, LockGraph graph,
    String lockdepText) {

  public ModelReport {
    witnesses = List.copyOf(witnesses);
  }

  /**
   * Replays every counterexample of {@code check}. The graph is lockdep's when the lockdep view
   * ran, else the one {@code recorder} saw during the exploration (or, without a recorder, the
   * one the counterexamples show).
   */
  public static ModelReport of(CheckResult check, LockGraphRecorder recorder) {
    List<Witness> ws = witnesses(check.exploration());
    if (check.lockdep() != null) {
      return new ModelReport(check, ws, LockdepGraphs.of(check.lockdep()), check.lockdep().text());
    }
    LockGraph g = recorder != null ? recorder.graph(ws) : LockGraph.fromWitnesses(ws);
    return new ModelReport(check, ws, g, null);
  }

  /** A report of {@code check}, with the lockdep graph when it has one. */
  public static ModelReport of(CheckResult check) {
    return of(check, null);
  }

  private static List<Witness> witnesses(ExplorationResult result) {
    List<Witness> ws = new ArrayList<>();
    for (Counterexample cx : result.counterexamples()) {
      ws.add(Witnesses.replay(result.model(), result.config(), cx));
    }
    return ws;
  }

  /** The exploration result. */
  public ExplorationResult result() {
    return check.exploration();
  }

  /** Whether the verdict, and lockdep's verdict when the model states one, are as expected. */
  public boolean asExpected() {
    return check.asExpected();
  }

  public ModelDefinition model() {
    return result().model();
  }

  /** The model's name, which is also its folder's name under {@code reports/}. */
  public String name() {
    return result().model().name();
  }

  /**
   * The file name of witness {@code i}'s schedule: {@code schedule.txt} for the first (the
   * common case of one finding), {@code schedule-<kind>.txt} for the others.
   */
  public String scheduleFile(int i) {
    return i == 0 ? "schedule.txt"
        : "schedule-" + witnesses.get(i).finding().kind().name().toLowerCase() + ".txt";
  }

  /**
   * What {@code lockmc replay} should locate the model by: its source file when known (works
   * from the project root), else its class name.
   */
  public String replayTarget() {
    String file = model().sourceFile();
    return file != null ? file : name();
  }

  /** The text of witness {@code i}'s schedule file. */
  public String schedule(int i) {
    return ScheduleFile.write(name(), replayTarget(), witnesses.get(i).counterexample());
  }
}
