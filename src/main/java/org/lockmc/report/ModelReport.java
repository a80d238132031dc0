package org.lockmc.report;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;

/**
 * Everything the reports of one model show: the exploration result, each counterexample replayed
 * as a {@link Witness}, the lock-class graph, and the lockdep analysis text when there is one.
 * Built once per model; every renderer ({@link SummaryJson}, {@link TraceReport}, {@link
 * IndexHtml}, {@link SarifReport}) is a pure function of it.
 *
 * <p>Invariant: {@code witnesses} are in the order of {@link ExplorationResult#counterexamples()}
 * (verdict order), one per counterexample.
 *
 * @param result the exploration result
 * @param witnesses the replayed counterexamples
 * @param graph the lock-class graph (lockmc's own record until the lockdep analysis supplies
 *     its graph)
 * @param lockdepText the lockdep analysis of the model (its splats and their classification), or
 *     null when no analysis ran
 */
public record ModelReport(ExplorationResult result, List<Witness> witnesses, LockGraph graph,
    String lockdepText) {

  public ModelReport {
    witnesses = List.copyOf(witnesses);
  }

  /**
   * Replays every counterexample of {@code result}; the graph is the one {@code recorder} saw
   * during the exploration.
   */
  public static ModelReport of(ExplorationResult result, LockGraphRecorder recorder) {
    List<Witness> ws = witnesses(result);
    return new ModelReport(result, ws, recorder.graph(ws), null);
  }

  /**
   * Replays every counterexample of {@code result} and derives the graph from them alone (for
   * explorations that ran without a {@link LockGraphRecorder}).
   */
  public static ModelReport of(ExplorationResult result) {
    List<Witness> ws = witnesses(result);
    return new ModelReport(result, ws, LockGraph.fromWitnesses(ws), null);
  }

  private static List<Witness> witnesses(ExplorationResult result) {
    List<Witness> ws = new ArrayList<>();
    for (Counterexample cx : result.counterexamples()) {
      ws.add(Witnesses.replay(result.model(), result.config(), cx));
    }
    return ws;
  }

  /** This report with the lockdep analysis's graph and text in place of the derived graph. */
  public ModelReport withLockdep(LockGraph lockdepGraph, String text) {
    return new ModelReport(result, witnesses, lockdepGraph, text);
  }

  public ModelDefinition model() {
    return result.model();
  }

  /** The model's name, which is also its folder's name under {@code reports/}. */
  public String name() {
    return result.model().name();
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
