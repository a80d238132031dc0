package org.lockmc.check;

import java.util.List;
import org.lockmc.engine.Choice;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorationStrategy;
import org.lockmc.engine.Explorer;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.dpor.RandomStrategy;
import org.lockmc.engine.dpor.ReplayStrategy;
import org.lockmc.engine.dpor.TreeStrategy;
import org.lockmc.lockdep.LockdepAnalysis;
import org.lockmc.lockdep.LockdepRecorder;
import org.lockmc.lockdep.LockdepReport;

/**
 * The checking pipeline for one model: the strategy the configuration names, the explorer, and
 * the analyses that observe it. The CLI, the JUnit assertions and the tests all check models
 * through here.
 */
public final class Checker {
  private Checker() {}

  /** Explores {@code model} with {@code config}, with the lockdep view. */
  public static CheckResult check(ModelDefinition model, ExplorerConfig config) {
    return check(model, config, CheckOptions.DEFAULT);
  }

  /** Explores {@code model} with {@code config} and {@code options}. */
  public static CheckResult check(ModelDefinition model, ExplorerConfig config,
      CheckOptions options) {
    return run(explorer(model, config, strategy(config)), model, options);
  }

  /**
   * Runs {@code explorer} (made by {@link #explorer}, perhaps with a progress listener) and the
   * analyses {@code options} asks for.
   */
  public static CheckResult run(Explorer explorer, ModelDefinition model, CheckOptions options) {
    LockdepRecorder recorder = options.lockdep() ? new LockdepRecorder(options.rules()) : null;
    if (recorder != null) {
      explorer.listener(recorder);
    }
    ExplorationResult r = explorer.explore();
    LockdepReport report = recorder == null ? null
        : LockdepAnalysis.analyse(model.name(), recorder, r);
    return new CheckResult(r, report);
  }

  /** Replays {@code schedule} on {@code model}, recording the model line of every step. */
  public static ExplorationResult replay(ModelDefinition model, ExplorerConfig config,
      List<Choice> schedule) {
    ExplorerConfig c = config.withStrategy(StrategyKind.REPLAY);
    return explorer(model, c, new ReplayStrategy(schedule)).captureSites(true).explore();
  }

  /**
   * A bare explorer, for callers that add their own listeners; {@link #run} adds the analyses.
   */
  public static Explorer explorer(ModelDefinition model, ExplorerConfig config,
      ExplorationStrategy strategy) {
    return new Explorer(model, config, strategy);
  }

  /** The strategy {@code config} names (replay needs a schedule: use {@link #replay}). */
  public static ExplorationStrategy strategy(ExplorerConfig config) {
    switch (config.strategy()) {
      case DPOR:
        return TreeStrategy.dpor();
      case EXHAUSTIVE:
        return TreeStrategy.exhaustive();
      case RANDOM:
        return new RandomStrategy(config.seed(), config.maxExecutions());
      default:
        throw new IllegalArgumentException("replay needs a schedule: use Checker.replay");
    }
  }
}
