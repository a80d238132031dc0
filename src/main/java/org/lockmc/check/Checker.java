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

/**
 * The checking pipeline for one model: the strategy the configuration names, the explorer, and
 * the analyses that observe it. The CLI, the JUnit assertions and the tests all check models
 * through here.
 */
public final class Checker {
  private Checker() {}

  /** Explores {@code model} with {@code config}. */
  public static ExplorationResult check(ModelDefinition model, ExplorerConfig config) {
    return explorer(model, config, strategy(config)).explore();
  }

  /** Replays {@code schedule} on {@code model}, recording the model line of every step. */
  public static ExplorationResult replay(ModelDefinition model, ExplorerConfig config,
      List<Choice> schedule) {
    ExplorerConfig c = config.withStrategy(StrategyKind.REPLAY);
    return explorer(model, c, new ReplayStrategy(schedule)).captureSites(true).explore();
  }

  /** An explorer wired with the standard analyses, for callers that add their own listeners. */
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
