package org.lockmc.cli;

import java.util.List;
import org.lockmc.check.CheckResult;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.model.Verdict;

/** The aligned one-line-per-model verdict table of {@code lockmc check}. */
final class VerdictTable {
  private final Console console;
  private final int nameWidth;

  VerdictTable(Console console, List<ModelDefinition> models) {
    this.console = console;
    int w = 5;
    for (ModelDefinition m : models) {
      w = Math.max(w, m.name().length());
    }
    this.nameWidth = w;
  }

  void header() {
    console.out().println(console.bold(String.format(
        "%-" + nameWidth + "s  %-20s  %-20s  %-22s  %10s  %-8s  %8s",
        "MODEL", "RESULT", "EXPECTED", "LOCKDEP", "EXECUTIONS", "COMPLETE", "TIME")));
  }

  void row(CheckResult c) {
    ExplorationResult r = c.exploration();
    String expected = expected(r.model());
    String status;
    if (c.asExpected()) {
      status = console.green("ok");
    } else if (!r.asExpected()) {
      status = console.red("UNEXPECTED");
    } else {
      status = console.red("UNEXPECTED (lockdep: expected " + r.model().lockdep().name() + ")");
    }
    String lockdep = c.lockdep() == null ? "off" : c.lockdep().summary();
    console.out().println(String.format(
        "%-" + nameWidth + "s  %-20s  %-20s  %-22s  %10d  %-8s  %7.2fs  ",
        r.model().name(), r.verdict(), expected, lockdep, r.executions(),
        r.complete() ? "yes" : "no", r.elapsed().toNanos() / 1e9) + status);
  }

  static String expected(ModelDefinition m) {
    StringBuilder b = new StringBuilder();
    for (Verdict v : m.expect()) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(v.name());
    }
    return b.toString();
  }
}
