package org.lockmc.cli;

import java.io.PrintStream;
import java.util.List;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.jpf.Comparison;
import org.lockmc.jpf.JpfResult;

/** The side-by-side table of {@code lockmc jpf}: lockmc's verdict, time and executions, JPF's. */
final class ComparisonTable {
  private final PrintStream out;
  private final int nameWidth;

  ComparisonTable(PrintStream out, List<LocatorOptions.Located> models) {
    this.out = out;
    int w = 5;
    for (LocatorOptions.Located l : models) {
      w = Math.max(w, l.model().name().length());
    }
    this.nameWidth = Math.max(w, 40);
  }

  void header() {
    out.println(String.format("%-" + nameWidth + "s  %-20s %9s %11s | %-20s %11s %9s | %s",
        "MODEL", "LOCKMC", "TIME", "EXECUTIONS", "JPF", "STATES", "TIME", "AGREE"));
  }

  void row(Comparison c) {
    ExplorationResult r = c.lockmc();
    JpfResult j = c.jpf();
    String agree;
    switch (c.agreement()) {
      case YES:
        agree = "yes";
        break;
      case NO:
        agree = "NO";
        break;
      default:
        agree = "-";
    }
    out.println(String.format("%-" + nameWidth + "s  %-20s %8.2fs %,11d | %-20s %11s %8.2fs | %s",
        c.model(), r.verdict(), r.elapsed().toNanos() / 1e9, r.executions(), j.verdict(),
        j.states() < 0 ? "-" : String.format("%,d", j.states()), j.elapsed().toNanos() / 1e9,
        agree));
    if (c.agreement() != Comparison.Agreement.YES && !j.detail().isEmpty()) {
      out.println("    JPF: " + j.detail());
    }
  }

  void legend() {
    out.println();
    out.println("lockmc DEADLOCK or HANG = JPF deadlock (every thread waiting; JPF cannot tell them"
        + " apart); VIOLATION = JPF uncaught exception (the harness throws AssertionError);");
    out.println("SAFE = JPF no errors; LIVELOCK has no JPF counterpart (state matching closes the"
        + " loop). JPF ran with search.multiple_errors=true: every error kind is listed.");
  }
}
