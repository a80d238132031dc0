package org.lockmc.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lockmc.check.CheckOptions;
import org.lockmc.check.CheckResult;
import org.lockmc.check.Checker;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.lockdep.Cycle;
import org.lockmc.lockdep.DeadlockWitness;
import org.lockmc.lockdep.Dep;
import org.lockmc.lockdep.Edge;
import org.lockmc.lockdep.LockdepReport;
import org.lockmc.lockdep.LockdepRules;
import org.lockmc.lockdep.ParsedSplat;
import org.lockmc.lockdep.SplatParser;
import org.lockmc.lockdep.SplatPrinter;
import org.lockmc.lockdep.SplatReproduction;
import org.lockmc.model.Verdict;
import org.lockmc.report.TraceTable;
import picocli.CommandLine;

/**
 * {@code lockmc splat}: reads a real lockdep report, maps its lock classes onto a model's, and
 * answers whether the model reproduces it and, if so, whether it is a confirmed deadlock, a false
 * positive or unknown. Exit 0 when the answer was produced, 2 for a bad splat or model.
 */
@CommandLine.Command(name = "splat", mixinStandardHelpOptions = true,
    description = {"Answers a real lockdep splat against a model: reproduced or not; if"
        + " reproduced, a confirmed deadlock, a false positive or unknown.",
        "SPLAT is a text file holding the report (dmesg, a mail, a syzbot report); MODEL names"
            + " one model as 'lockmc check' does."})
final class SplatCommand implements Callable<Integer> {
  private static final Pattern VERSION = Pattern.compile("^(\\d+)\\.(\\d+)");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin ExplorationOptions exploration = new ExplorationOptions();
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();

  @CommandLine.Option(names = "--lockdep-rules", paramLabel = "auto|5.10|pre-5.10",
      description = "Lockdep's rules: those of the splat's kernel (auto, the default; 5.10 when"
          + " it names none), 5.10 or pre-5.10.")
  String rules = "auto";

  @CommandLine.Option(names = "--lockdep",
      description = "Also print the model's own splat for the reproduced cycle.")
  boolean showSplat;

  @CommandLine.Parameters(index = "0", paramLabel = "SPLAT", description = "The splat file.")
  Path file;

  @CommandLine.Parameters(index = "1", paramLabel = "MODEL", description = "The model.")
  String target;

  @Override
  public Integer call() {
    String text = TextFiles.read(file, "splat");
    ParsedSplat splat = SplatParser.parse(text, file.toString());
    List<ModelDefinition> models = locator.locateAll(List.of(target));
    if (models.size() != 1) {
      throw new ModelError(target + " names " + models.size() + " models; name one of "
          + models.stream().map(ModelDefinition::name).toList());
    }
    ModelDefinition model = models.get(0);
    LockdepRules r = rules(splat);
    ExplorerConfig config = exploration.config(spec.commandLine());
    CheckResult result = Checker.check(model, config, CheckOptions.DEFAULT.withRules(r));
    PrintWriter out = spec.commandLine().getOut();
    print(out, splat, r, result, SplatReproduction.check(splat, result.lockdep()));
    out.flush();
    return Main.OK;
  }

  private LockdepRules rules(ParsedSplat splat) {
    if (!rules.equalsIgnoreCase("auto")) {
      return LockdepOptions.rules(spec.commandLine(), rules);
    }
    Matcher m = splat.release() == null ? null : VERSION.matcher(splat.release());
    return m != null && m.find()
        ? LockdepRules.forKernel(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
        : LockdepRules.V5_10;
  }

  private void print(PrintWriter out, ParsedSplat s, LockdepRules r, CheckResult result,
      SplatReproduction.Result answer) {
    out.println("splat: " + s.kind().title() + " (" + s.taskId() + ") in " + s.source()
        + ", line " + s.acquiring().line());
    out.println("  layout: " + layout(s) + (s.decorations().isEmpty() ? ""
        : "; with " + String.join(", ", s.decorations())));
    out.println("  kernel: " + (s.release() == null ? "not named" : s.release())
        + "; lockdep rules applied: " + r.label());
    out.println(s.kind() == ParsedSplat.Kind.CIRCULAR
        ? "  classes (the lock being acquired first) and the model's:"
        : "  class and the model's:");
    for (int i = 0; i < answer.mapping().size(); i++) {
      SplatReproduction.Mapping m = answer.mapping().get(i);
      String label = s.kind() == ParsedSplat.Kind.CIRCULAR ? "#" + i + " " : "";
      out.printf("    %-28s -> %s%n", label + m.splatName(), m.modelClass() == null
          ? "(none)" : m.modelClass() + " (" + m.how() + ")");
    }
    ExplorationResult x = result.exploration();
    out.println("model: " + x.model().name() + ": " + x.verdict() + ", " + x.executions()
        + " executions, " + (x.complete() ? "complete" : "bounded by " + x.bound()));
    if (!answer.edges().isEmpty()) {
      out.println("  the cycle's dependencies in the model:");
      for (Edge e : answer.edges()) {
        out.println("    " + e.from() + " -> " + e.to() + " (" + Dep.names(e.mask()) + "): "
            + e.first().op() + " at " + e.first().site() + " by " + e.first().taskId());
      }
    }
    for (String note : answer.notes()) {
      out.println("  note: " + note);
    }
    out.println("answer: " + answer.answer().label());
    out.println("  " + answer.explanation());
    Counterexample cx = x.counterexample(Verdict.DEADLOCK);
    if (answer.answer() == SplatReproduction.Answer.CONFIRMED) {
      DeadlockWitness w = answer.classification().witness();
      out.println();
      if (cx != null && w.execution() == cx.execution() && w.key().equals(cx.finding().key())) {
        // the explanation above already names the deadlock and its execution
        out.println("  its trace:");
        out.print(CheckRun.indent(TraceTable.render(cx)));
      } else {
        out.println("  " + w.summary() + " (execution " + w.execution() + "), blocked:");
        for (DeadlockWitness.TaskWait t : w.waits()) {
          out.println("    " + t.task() + ": " + t.op() + " -- " + t.reason()
              + (t.held().isEmpty() ? "" : "; holds " + String.join(", ", t.held())));
        }
      }
    }
    if (showSplat && !answer.edges().isEmpty()) {
      Cycle c = matching(result.lockdep(), answer);
      if (c != null) {
        out.println();
        out.print(CheckRun.indent(new SplatPrinter(result.lockdep().graph(), x.model().name(),
            r).print(c)));
      }
    }
  }

  /** The model's own cycle through the same classes, if the search reported one. */
  private static Cycle matching(LockdepReport report, SplatReproduction.Result answer) {
    for (LockdepReport.Circular c : report.circular()) {
      if (c.cycle().path().size() == answer.edges().size()
          && answer.edges().stream().allMatch(e -> c.cycle().path().contains(e.from()))) {
        return c.cycle();
      }
    }
    return null;
  }

  private static String layout(ParsedSplat s) {
    switch (s.layout()) {
      case MODERN:
        return "WARNING: (4.12 and later)";
      case LEGACY:
        return "[ INFO: ] (up to 4.11)";
      default:
        return "quoted in part (no title rules)";
    }
  }
}
