package org.lockmc.cli;

import java.time.Duration;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.ThreadMode;
import picocli.CommandLine;

/** The exploration options shared by commands that explore. */
final class ExplorationOptions {
  private static final ExplorerConfig D = ExplorerConfig.DEFAULTS;

  @CommandLine.Option(names = "--strategy", paramLabel = "dpor|exhaustive|random",
      description = "How schedules are chosen (default: dpor).")
  String strategy = "dpor";

  @CommandLine.Option(names = "--max-executions", paramLabel = "N",
      description = "Stop after N executions; the result is then incomplete (default: 1000000).")
  long maxExecutions = D.maxExecutions();

  @CommandLine.Option(names = "--max-steps", paramLabel = "N",
      description = "A task taking more than N steps in one execution is a livelock (default: 2000).")
  int maxSteps = D.maxStepsPerTask();

  @CommandLine.Option(names = "--time-limit", paramLabel = "DURATION",
      description = "Stop each model's exploration after this long, e.g. 90s, 10m (default: 10m).")
  String timeLimit = "10m";

  @CommandLine.Option(names = "--threads", paramLabel = "auto|platform|virtual",
      description = "Threads carrying tasks: virtual when the JDK has them (default: auto).")
  String threads = "auto";

  @CommandLine.Option(names = "--seed", paramLabel = "N",
      description = "Seed of the random strategy (default: 1).")
  long seed = D.seed();

  ExplorerConfig config(CommandLine cl) {
    return config(cl, D);
  }

  /**
   * {@code base} (the defaults, or a {@code .jpf} file's options) with the options given on the
   * command line applied over it: the command line wins.
   */
  ExplorerConfig config(CommandLine cl, ExplorerConfig base) {
    CommandLine.ParseResult given = cl.getParseResult();
    ExplorerConfig c = base;
    if (given == null || given.hasMatchedOption("--strategy")) {
      StrategyKind s = parseEnum(cl, "--strategy", strategy, StrategyKind.class);
      if (s == StrategyKind.REPLAY) {
        throw new CommandLine.ParameterException(cl, "--strategy replay: use 'lockmc replay <file>'");
      }
      c = c.withStrategy(s);
    }
    if (maxExecutions < 1 || maxSteps < 1) {
      throw new CommandLine.ParameterException(cl, "--max-executions and --max-steps must be positive");
    }
    if (given == null || given.hasMatchedOption("--max-executions")) {
      c = c.withMaxExecutions(maxExecutions);
    }
    if (given == null || given.hasMatchedOption("--max-steps")) {
      c = c.withMaxStepsPerTask(maxSteps);
    }
    if (given == null || given.hasMatchedOption("--time-limit")) {
      c = c.withTimeLimit(duration(cl, timeLimit));
    }
    if (given == null || given.hasMatchedOption("--threads")) {
      c = c.withThreads(parseEnum(cl, "--threads", threads, ThreadMode.class));
    }
    if (given == null || given.hasMatchedOption("--seed")) {
      c = c.withSeed(seed);
    }
    return c;
  }

  static <E extends Enum<E>> E parseEnum(CommandLine cl, String option, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
    }
    throw new CommandLine.ParameterException(cl, option + " " + value + ": not one of "
        + java.util.Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase()).toList());
  }

  static Duration duration(CommandLine cl, String text) {
    Duration d = org.lockmc.config.Durations.parse(text);
    if (d == null) {
      throw new CommandLine.ParameterException(cl, "--time-limit " + text
          + ": expected a number and a unit, such as 500ms, 90s, 10m or 1h");
    }
    return d;
  }
}
