package org.lockmc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lockmc.check.CheckOptions;
import org.lockmc.check.Checker;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.ThreadMode;
import picocli.CommandLine;

/**
 * {@code lockmc bench}: for each model, executions and wall time under {@code dpor} and {@code
 * exhaustive}, on platform and (where the JDK has them) virtual threads. A measurement to read,
 * not a test: nothing here asserts a time.
 */
@CommandLine.Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Measures executions and executions per second per model, strategy and thread kind.")
final class BenchCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();
  @CommandLine.Mixin LockdepOptions lockdep = new LockdepOptions();

  @CommandLine.Option(names = "--time-limit", paramLabel = "DURATION",
      description = "Per run (default: 60s); a run cut by it is marked incomplete.")
  String timeLimit = "60s";

  @CommandLine.Option(names = "--threads", paramLabel = "platform|virtual|both",
      description = "Which thread kinds to measure (default: both where available).")
  String threads = "both";

  @CommandLine.Option(names = "--strategies", split = ",", paramLabel = "dpor,exhaustive",
      description = "Which strategies to measure (default: dpor,exhaustive).")
  List<String> strategies = new ArrayList<>(List.of("dpor", "exhaustive"));

  @CommandLine.Option(names = "--no-field-hooks",
      description = "Load the models without the hooks on field and array accesses, to measure"
          + " what they cost. Shared memory is then invisible to the explorer: the results of"
          + " such a run are not verdicts.")
  boolean noFieldHooks;

  @CommandLine.Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "Models to measure (default: models).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() {
    CommandLine cl = spec.commandLine();
    List<ThreadMode> modes = new ArrayList<>();
    if (!threads.equals("virtual")) {
      modes.add(ThreadMode.PLATFORM);
    }
    if (!threads.equals("platform")) {
      if (Runtime.version().feature() >= 21) {
        modes.add(ThreadMode.VIRTUAL);
      } else {
        out().println("# virtual threads: not measured, this is Java "
            + Runtime.version().feature() + " (run ./lockmc, which prefers a JDK >= 21)");
      }
    }
    ExplorerConfig base = ExplorerConfig.DEFAULTS
        .withTimeLimit(ExplorationOptions.duration(cl, timeLimit));
    List<String> t = targets.isEmpty() ? List.of(locator.models.toString()) : targets;
    locator.memoryHooks = !noFieldHooks;
    List<ModelDefinition> models = locator.locateAll(t);
    CheckOptions options = lockdep.options(cl);
    out().printf("# java %s, %d cpus, lockdep recording %s, field hooks %s%n", Runtime.version(),
        Runtime.getRuntime().availableProcessors(),
        options.lockdep() ? "on (" + options.rules().label() + " rules)" : "off",
        noFieldHooks ? "off (results are not verdicts)" : "on");
    out().printf("%-48s %-8s %-10s %12s %10s %12s  %s%n", "MODEL", "THREADS", "STRATEGY",
        "EXECUTIONS", "TIME", "EXEC/S", "RESULT");
    for (ModelDefinition m : models) {
      for (ThreadMode mode : modes) {
        for (String s : strategies) {
          StrategyKind kind = ExplorationOptions.parseEnum(cl, "--strategies", s, StrategyKind.class);
          ExplorerConfig c = base.withThreads(mode).withStrategy(kind);
          ExplorationResult r = Checker.check(m, c, options).exploration();
          double secs = r.elapsed().toNanos() / 1e9;
          out().printf("%-48s %-8s %-10s %12d %9.2fs %12.0f  %s%n", m.name(), r.threads(),
              s, r.executions(), secs, r.executions() / Math.max(secs, 1e-9),
              r.complete() ? r.verdict() : r.verdict() + " [incomplete]");
        }
      }
    }
    return Main.OK;
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
