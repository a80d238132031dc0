package org.lockmc.engine;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lockmc.model.Verdict;

/**
 * The outcome of exploring one model: every kind of bad outcome found with its canonical
 * counterexample, the distinct findings, and whether exploration was complete.
 *
 * <p>Invariant: the result is {@code SAFE} only when nothing was found and exploration was
 * complete; an incomplete run with nothing found is {@code UNKNOWN (bounded by ...)}.
 */
public final class ExplorationResult {
  private final ModelDefinition model;
  private final ExplorerConfig config;
  private final String threads;
  private final Map<Verdict, Counterexample> counterexamples;
  private final Set<String> findingKeys;
  private final long executions;
  private final long redundant;
  private final String bound;
  private final boolean strategyCovers;
  private final Duration elapsed;
  private final int longestExecution;

  ExplorationResult(ModelDefinition model, ExplorerConfig config, String threads,
      Map<Verdict, Counterexample> counterexamples, Set<String> findingKeys, long executions,
      long redundant, String bound, boolean strategyCovers, Duration elapsed, int longestExecution) {
    this.model = model;
    this.config = config;
    this.threads = threads;
    this.counterexamples = Map.copyOf(counterexamples);
    this.findingKeys = Set.copyOf(findingKeys);
    this.executions = executions;
    this.redundant = redundant;
    this.bound = bound;
    this.strategyCovers = strategyCovers;
    this.elapsed = elapsed;
    this.longestExecution = longestExecution;
  }

  public ModelDefinition model() {
    return model;
  }

  public ExplorerConfig config() {
    return config;
  }

  /** {@code virtual} or {@code platform}. */
  public String threads() {
    return threads;
  }

  /** The bad kinds found, in {@link Verdict} order. */
  public Set<Verdict> found() {
    Set<Verdict> s = EnumSet.noneOf(Verdict.class);
    s.addAll(counterexamples.keySet());
    return s;
  }

  /** The canonical counterexample of {@code kind}, or null. */
  public Counterexample counterexample(Verdict kind) {
    return counterexamples.get(kind);
  }

  /** All canonical counterexamples, in {@link Verdict} order. */
  public List<Counterexample> counterexamples() {
    return found().stream().map(counterexamples::get).toList();
  }

  /** Every distinct finding (kind and blocked set, or task and message), sorted. */
  public Set<String> findingKeys() {
    return new java.util.TreeSet<>(findingKeys);
  }

  /** Executions run, redundant ones included. */
  public long executions() {
    return executions;
  }

  /** Executions cut by the sleep set (equivalent to one already explored). */
  public long redundantExecutions() {
    return redundant;
  }

  /** Whether every behaviour of the model was covered. */
  public boolean complete() {
    return bound == null && strategyCovers;
  }

  /** What bounded the exploration ({@code executions=1000000}, {@code time=PT10M}), or null. */
  public String bound() {
    if (bound != null) {
      return bound;
    }
    return strategyCovers ? null : "strategy=" + config.strategy().name().toLowerCase();
  }

  public Duration elapsed() {
    return elapsed;
  }

  /** The most events any execution had. */
  public int longestExecution() {
    return longestExecution;
  }

  /** {@code DEADLOCK}, {@code DEADLOCK, VIOLATION}, {@code SAFE} or {@code UNKNOWN (bounded by ...)}. */
  public String verdict() {
    Set<Verdict> f = found();
    if (f.isEmpty()) {
      return complete() ? "SAFE" : "UNKNOWN (bounded by " + bound() + ")";
    }
    StringBuilder b = new StringBuilder();
    for (Verdict v : f) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(v.name());
    }
    return b.toString();
  }

  /** Whether the result is what the model's {@code expect} says. */
  public boolean asExpected() {
    Set<Verdict> expect = model.expect();
    if (expect.contains(Verdict.SAFE)) {
      return found().isEmpty() && complete();
    }
    return found().equals(expect);
  }
}
