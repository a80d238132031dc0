package org.lockmc.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.TaskSpec;
import picocli.CommandLine;

/** {@code lockmc list}: the models a target names, with their tasks and expectations. */
@CommandLine.Command(name = "list", mixinStandardHelpOptions = true,
    description = "Lists models with their expected result, tasks and source.")
final class ListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();

  @CommandLine.Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "Models to list (default: models).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() {
    List<String> t = targets.isEmpty() ? List.of(locator.models.toString()) : targets;
    for (ModelDefinition m : locator.locateAll(t)) {
      List<String> tasks = new ArrayList<>();
      for (TaskSpec s : m.tasks()) {
        tasks.add(s.instances() == 1 ? s.name() : s.name() + " x" + s.instances());
      }
      out().printf("%s  expect=%s  lockdep=%s  tasks=%s%s%n", m.name(),
          VerdictTable.expected(m), m.lockdep().name(), tasks,
          m.source().isEmpty() ? "" : "  source=" + m.source());
    }
    return Main.OK;
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }
}
