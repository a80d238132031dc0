package org.lockmc.engine;

import java.time.Duration;
import org.lockmc.engine.sync.Semantics;

/**
 * The settings of one exploration, immutable. {@link #DEFAULTS} holds the printed defaults.
 *
 * @param strategy how schedules are chosen
 * @param maxExecutions stop after this many executions (the result is then incomplete)
 * @param maxStepsPerTask a task that performs more operations than this in one execution is a
 *     livelock (per task, so that the verdict does not depend on the interleaving)
 * @param timeLimit stop after this much wall time (the result is then incomplete)
 * @param threads which threads carry tasks
 * @param semantics kernel rules; tests may switch one off
 * @param seed the random strategy's seed
 */
public record ExplorerConfig(
    StrategyKind strategy,
    long maxExecutions,
    int maxStepsPerTask,
    Duration timeLimit,
    ThreadMode threads,
    Semantics semantics,
    long seed) {

  /** Default settings, printed by {@code lockmc check --help}. */
  public static final ExplorerConfig DEFAULTS = new ExplorerConfig(
      StrategyKind.DPOR, 1_000_000, 2_000, Duration.ofMinutes(10), ThreadMode.AUTO,
      Semantics.KERNEL, 1);

  public ExplorerConfig withStrategy(StrategyKind s) {
    return new ExplorerConfig(s, maxExecutions, maxStepsPerTask, timeLimit, threads, semantics, seed);
  }

  public ExplorerConfig withMaxExecutions(long n) {
    return new ExplorerConfig(strategy, n, maxStepsPerTask, timeLimit, threads, semantics, seed);
  }

  public ExplorerConfig withMaxStepsPerTask(int n) {
    return new ExplorerConfig(strategy, maxExecutions, n, timeLimit, threads, semantics, seed);
  }

  public ExplorerConfig withTimeLimit(Duration d) {
    return new ExplorerConfig(strategy, maxExecutions, maxStepsPerTask, d, threads, semantics, seed);
  }

  public ExplorerConfig withThreads(ThreadMode t) {
    return new ExplorerConfig(strategy, maxExecutions, maxStepsPerTask, timeLimit, t, semantics, seed);
  }

  public ExplorerConfig withSemantics(Semantics s) {
    return new ExplorerConfig(strategy, maxExecutions, maxStepsPerTask, timeLimit, threads, s, seed);
  }

  public ExplorerConfig withSeed(long s) {
    return new ExplorerConfig(strategy, maxExecutions, maxStepsPerTask, timeLimit, threads, semantics, s);
  }
}
