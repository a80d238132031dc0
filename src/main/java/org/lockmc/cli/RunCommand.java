package org.lockmc.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.jvm.JvmHarness;
import org.lockmc.jvm.JvmOutcome;
import picocli.CommandLine;

/**
 * {@code lockmc run}: runs each named model once on real threads (the JVM harness Java
 * PathFinder explores), and prints what that one schedule showed.
 */
@CommandLine.Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Runs each model once on the plain JVM: one real thread per task, the"
        + " primitives on Java monitors with kernel semantics. A deadlock or hang this run falls"
        + " into is printed with each blocked task's wait; a clean run proves nothing (use"
        + " 'lockmc check')."})
final class RunCommand implements Callable<Integer> {
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = "--trace", description = "Print each kernel operation as it runs.")
  boolean trace;

  @CommandLine.Option(names = "--time-limit", paramLabel = "DURATION",
      description = "Report tasks still running after this long, e.g. 10s (default: 60s).")
  String timeLimit = "60s";

  @CommandLine.Parameters(arity = "1..*", paramLabel = "TARGET",
      description = "Models to run (as for 'lockmc check', .jpf files included).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    Duration limit = ExplorationOptions.duration(spec.commandLine(), timeLimit);
    int problems = 0;
    for (ModelDefinition m : locator.locateAll(targets)) {
      JvmOutcome outcome = JvmHarness.run(m.type(), m.tasks(), Semantics.KERNEL,
          trace ? System.out : null, limit);
      System.out.print(outcome.render(m.name()));
      if (!outcome.clean()) {
        problems++;
      }
    }
    System.out.flush();
    return problems == 0 ? Main.OK : Main.UNEXPECTED;
  }
}
