package org.lockmc.cli;

import java.util.List;
import java.util.Locale;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.report.ModelReport;
import org.lockmc.report.SummaryJson;

/**
 * The aligned one-line-per-model verdict table of {@code lockmc check} and {@code lockmc report}.
 * Rows are printed as results arrive, so the column widths come from what is known before any
 * exploration: the model names and expectations. Colours are added after padding, so they never
 * upset the alignment (and appear only on a terminal, see {@link Console}).
 */
final class VerdictTable {
  private final Console console;
  private final int nameWidth;
  private final int resultWidth;

  VerdictTable(Console console, List<ModelDefinition> models) {
    this.console = console;
    int name = 5;
    int expect = 8;
    for (ModelDefinition m : models) {
      name = Math.max(name, m.name().length());
      expect = Math.max(expect, expected(m).length());
    }
    this.nameWidth = name;
    this.resultWidth = expect;
  }

  /** Wide enough for {@code CYCLE (false positive)}. */
  private static final int LOCKDEP_WIDTH = 22;

  void header() {
    console.out().println(console.bold(String.format(Locale.ROOT, "%-" + nameWidth + "s  %-"
        + resultWidth + "s  %-" + resultWidth + "s  %-" + LOCKDEP_WIDTH + "s  %12s  %-8s  %8s  %s",
        "MODEL", "RESULT", "EXPECTED", "LOCKDEP", "EXECUTIONS", "COMPLETE", "TIME", "STATUS")));
  }

  void row(ModelReport report) {
    ExplorationResult r = report.result();
    // An incomplete run that found nothing shows UNKNOWN; what bounded it goes with the status.
    String result = r.found().isEmpty() && !r.complete() ? "UNKNOWN" : r.verdict();
    String padded = String.format(Locale.ROOT, "%-" + resultWidth + "s", result);
    String coloured = r.found().isEmpty()
        ? (r.complete() ? console.green(padded) : console.yellow(padded)) : console.red(padded);
    String status;
    if (report.asExpected()) {
      status = console.green("ok");
    } else if (r.asExpected()) {
      status = console.red("UNEXPECTED (lockdep: expected " + r.model().lockdep().name() + ")");
    } else {
      status = console.red("UNEXPECTED");
    }
    String lockdep = report.check().lockdep() == null ? "off" : report.check().lockdep().summary();
    if (!r.complete()) {
      status += " (bounded by " + r.bound() + ")";
    }
    console.out().println(String.format(Locale.ROOT, "%-" + nameWidth + "s  ", r.model().name()) + coloured
        + String.format(Locale.ROOT, "  %-" + resultWidth + "s  %-" + LOCKDEP_WIDTH
            + "s  %,12d  %-8s  %7.2fs  ", expected(r.model()), lockdep, r.executions(),
            r.complete() ? "yes" : "no", r.elapsed().toNanos() / 1e9)
        + status);
  }

  static String expected(ModelDefinition m) {
    return SummaryJson.expected(m);
  }
}
