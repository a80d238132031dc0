package org.lockmc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lockmc.check.Checker;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.report.TraceTable;
import picocli.CommandLine;

/** {@code lockmc check}: explores models and compares each result with its expectation. */
@CommandLine.Command(name = "check", mixinStandardHelpOptions = true,
    description = {"Explores every interleaving of the named models and reports deadlocks, hangs,"
        + " livelocks and violations, each with a counterexample.",
        "TARGET is a folder of .java models (e.g. models), a .java file, a package or class of"
            + " the model library (e.g. ksm2009, basics.AbbaDeadlock), a compiled class, or a"
            + " .jpf file (jpf-configs/...), whose lockmc.* keys set the options (the command"
            + " line overrides them)."})
final class CheckCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin ExplorationOptions exploration = new ExplorationOptions();
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();

  @CommandLine.Option(names = {"-q", "--quiet"},
      description = "Only the verdict lines, and counterexamples of unexpected results.")
  boolean quiet;

  @CommandLine.Option(names = "--no-color", description = "No colours, even on a terminal.")
  boolean noColor;

  @CommandLine.Parameters(arity = "1..*", paramLabel = "TARGET", description = "Models to check.")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() {
    Console console = new Console(spec.commandLine().getOut() == null ? System.out : System.out,
        System.err, !noColor);
    return run(console);
  }

  int run(Console console) {
    ExplorerConfig cliConfig = exploration.config(spec.commandLine());
    List<LocatorOptions.Located> located = locator.locateTargets(targets);
    List<ModelDefinition> models = new ArrayList<>();
    for (LocatorOptions.Located l : located) {
      models.add(l.model());
    }
    VerdictTable table = new VerdictTable(console, models);
    table.header();
    int unexpected = 0;
    long start = System.nanoTime();
    for (LocatorOptions.Located l : located) {
      ModelDefinition m = l.model();
      // precedence: defaults < the .jpf file's lockmc.* keys < the command line
      ExplorerConfig config = l.jpf() == null ? cliConfig
          : exploration.config(spec.commandLine(), l.jpf().applyTo(ExplorerConfig.DEFAULTS));
      ExplorationResult r = Checker.explorer(m, config, Checker.strategy(config))
          .progress((n, elapsed) -> console.progress(String.format("  %s: %,d executions (%,.0f/s)",
              m.name(), n, n / Math.max(1e-3, elapsed.toNanos() / 1e9))))
          .explore();
      console.clearProgress();
      table.row(r);
      if (!r.asExpected()) {
        unexpected++;
      }
      if (!quiet || !r.asExpected()) {
        for (Counterexample cx : r.counterexamples()) {
          console.out().println();
          console.out().println("  " + cx.finding().summary() + " (execution " + cx.execution() + ")");
          console.out().print(indent(TraceTable.render(cx)));
        }
        if (!r.counterexamples().isEmpty()) {
          console.out().println();
        }
      }
    }
    double secs = (System.nanoTime() - start) / 1e9;
    console.out().printf("%d model%s checked in %.1fs: %d as expected, %d unexpected%n",
        models.size(), models.size() == 1 ? "" : "s", secs, models.size() - unexpected, unexpected);
    return unexpected == 0 ? Main.OK : Main.UNEXPECTED;
  }

  static String indent(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        b.append("    ").append(line);
      }
      b.append('\n');
    }
    return b.substring(0, b.length() - 1);
  }
}
