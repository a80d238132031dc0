package org.lockmc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lockmc.engine.ExplorerConfig;
import picocli.CommandLine;

/**
 * {@code lockmc report}: checks models and regenerates the report folder. With no argument it
 * rebuilds the committed {@code reports/} from {@code models/}, which is what the golden-file test
 * compares against.
 */
@CommandLine.Command(name = "report", mixinStandardHelpOptions = true,
    description = {"Checks models (default: models) and rewrites the report folder (default: reports).",
        "Writes <model>/summary.json, trace.txt, schedule.txt (and lockdep.txt once the lockdep"
            + " analysis runs) per model, and index.html. The folder mirrors the run: report"
            + " folders of models not checked are removed."})
final class ReportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin ExplorationOptions exploration = new ExplorationOptions();
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();

  @CommandLine.Option(names = {"-o", "--out"}, paramLabel = "DIR",
      description = "The report folder (default: reports).")
  Path out = Path.of("reports");

  @CommandLine.Option(names = "--sarif", paramLabel = "FILE",
      description = "Also write a SARIF 2.1.0 log.")
  Path sarif;

  @CommandLine.Option(names = "--junit", paramLabel = "FILE",
      description = "Also write a JUnit XML report: one test case per model, failing when the"
          + " result differs from the expectation (for CI systems that read that format).")
  Path junit;

  @CommandLine.Mixin LockdepOptions lockdep = new LockdepOptions();

  @CommandLine.Option(names = "--no-color", description = "No colours, even on a terminal.")
  boolean noColor;

  @CommandLine.Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "Models to report on (default: models).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> t = targets.isEmpty() ? List.of(locator.models.toString()) : targets;
    Console console = Console.of(spec.commandLine(), !noColor);
    ExplorerConfig config = exploration.config(spec.commandLine());
    return new CheckRun(lockdep.options(spec.commandLine()), false, true, false, out, sarif, junit)
        .run(console, locator.locateAll(t), m -> config);
  }
}
