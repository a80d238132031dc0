package org.lockmc.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lockmc.config.JpfFile;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import picocli.CommandLine;

/** {@code lockmc check}: explores models and compares each result with its expectation. */
@CommandLine.Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Explores every interleaving of the named models and reports deadlocks, hangs,"
        + " livelocks and violations, each with a counterexample.",
        "TARGET is a folder of .java models (e.g. models), a .java file, a package or class of"
            + " the model library (e.g. ksm2009, basics.AbbaDeadlock), a compiled class, or a .jpf"
            + " file of jpf-configs/ (its lockmc.* keys set the options; the command line wins)."})
final class CheckCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin ExplorationOptions exploration = new ExplorationOptions();
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();
  @CommandLine.Mixin LockdepOptions lockdep = new LockdepOptions();

  @CommandLine.Option(names = "--lockdep",
      description = "Print the lockdep view in full: every report in lockdep's layout (splats),"
          + " with lockmc's verdict on each (by default, one line per report).")
  boolean splats;

  @CommandLine.Option(names = {"-q", "--quiet"},
      description = "Only the verdict lines, and counterexamples of unexpected results.")
  boolean quiet;

  @CommandLine.Option(names = "--no-color", description = "No colours, even on a terminal.")
  boolean noColor;

  @CommandLine.Option(names = "--json",
      description = "Print the results as one JSON document on standard output instead of the"
          + " table (the same fields as each model's summary.json).")
  boolean json;

  @CommandLine.Option(names = "--report", paramLabel = "DIR",
      description = "Also write the report folder: DIR/<model>/ per model and DIR/index.html"
          + " (the folder then mirrors this run).")
  Path report;

  @CommandLine.Option(names = "--sarif", paramLabel = "FILE",
      description = "Also write a SARIF 2.1.0 log: one result per unexpected result and per"
          + " deadlock found, at the model line of the blocking acquisition.")
  Path sarif;

  @CommandLine.Option(names = "--junit", paramLabel = "FILE",
      description = "Also write a JUnit XML report: one test case per model, failing when the"
          + " result differs from the expectation (for CI systems that read that format).")
  Path junit;

  @CommandLine.Parameters(arity = "1..*", paramLabel = "TARGET", description = "Models to check.")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() {
    Console console = Console.of(spec.commandLine(), !noColor && !json);
    CommandLine cl = spec.commandLine();
    CheckRun run = new CheckRun(lockdep.options(cl), splats, quiet, json, report, sarif, junit);
    ExplorerConfig fromCommandLine = exploration.config(cl);
    Map<String, JpfFile> jpfOf = new HashMap<>();
    List<ModelDefinition> models = new ArrayList<>();
    for (LocatorOptions.Located l : locator.locateTargets(targets)) {
      models.add(l.model());
      if (l.jpf() != null) {
        jpfOf.put(l.model().name(), l.jpf());
      }
    }
    // precedence: defaults < the .jpf file's lockmc.* keys < the command line
    return run.run(console, models, m -> jpfOf.containsKey(m.name())
        ? exploration.config(cl, jpfOf.get(m.name()).applyTo(ExplorerConfig.DEFAULTS))
        : fromCommandLine);
  }
}
