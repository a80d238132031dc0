package org.lockmc.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.report.ScheduleFile;
import org.lockmc.report.TraceReport;
import org.lockmc.report.Witness;
import org.lockmc.report.Witnesses;
import picocli.CommandLine;

/** {@code lockmc replay}: runs one recorded schedule and shows where each step is in the model. */
@CommandLine.Command(name = "replay", mixinStandardHelpOptions = true,
    description = "Replays a schedule file (reports/<model>/schedule.txt) step by step.")
final class ReplayCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();

  @CommandLine.Parameters(paramLabel = "SCHEDULE", description = "The schedule file.")
  Path file;

  @Override
  public Integer call() {
    String text = TextFiles.read(file, "schedule");
    ScheduleFile.Parsed s = ScheduleFile.parse(text, file.toString());
    ModelDefinition model = null;
    for (ModelDefinition m : locator.locator().locate(replayTarget(s))) {
      if (m.name().equals(s.model())) {
        model = m;
      }
    }
    if (model == null) {
      throw new ModelError(file + ": model " + s.model() + " is not in " + s.target());
    }
    Witnesses.Replay r = Witnesses.replay(model, ExplorerConfig.DEFAULTS, s.choices());
    out().println("replayed " + s.choices().size() + " decisions of " + model.name());
    for (Witness w : r.witnesses()) {
      out().println();
      out().print(CheckRun.indent(TraceReport.section(w, null)));
    }
    boolean reproduced = r.result().findingKeys().contains(s.finding());
    out().println();
    if (s.finding() == null) {
      return Main.OK;
    }
    out().println(reproduced ? "reproduced: " + s.finding()
        : "NOT reproduced: " + s.finding() + " (found " + r.result().findingKeys() + ")");
    return reproduced ? Main.OK : Main.UNEXPECTED;
  }

  private java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  /**
   * Where to find the schedule's model: the target it names, or, when that is a source file not
   * found from here (a report written in another working directory), the model's class name in
   * the library ({@code --models}).
   */
  private static String replayTarget(ScheduleFile.Parsed s) {
    if (s.target().endsWith(".java") && !java.nio.file.Files.isRegularFile(Path.of(s.target()))) {
      return s.model();
    }
    return s.target();
  }
}
