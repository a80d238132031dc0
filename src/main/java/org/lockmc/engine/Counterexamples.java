package org.lockmc.engine;

import java.util.ArrayList;
import java.util.List;

/** Builds the counterexample of a finding from the execution that produced it. */
final class Counterexamples {
  private Counterexamples() {}

  static Counterexample of(Finding f, Execution ex, long execution) {
    List<String> names = new ArrayList<>();
    for (TaskControl t : ex.tasks()) {
      names.add(t.name());
    }
    int upTo = cutStep(f, ex);
    List<TraceEntry> trace = new ArrayList<>();
    List<TraceEntry> data = ex.dataChoices();
    int d = 0;
    List<Event> events = ex.events();
    int decisions = 0;
    for (int i = 0; i < upTo; i++) {
      while (d < data.size() && data.get(d).step() <= i) {
        trace.add(new TraceEntry(-1, data.get(d).task(), data.get(d).op(), data.get(d).site()));
        d++;
      }
      Event e = events.get(i);
      if (e.forced() && !e.op().local()) {
        continue; // a task's exit
      }
      if (!e.forced()) {
        decisions++;
      }
      trace.add(new TraceEntry(i, ex.task(e.task()).name(), e.op().describe(), e.site()));
    }
    while (d < data.size() && data.get(d).step() <= upTo) {
      trace.add(new TraceEntry(-1, data.get(d).task(), data.get(d).op(), data.get(d).site()));
      d++;
    }
    List<Choice> schedule = scheduleUpTo(ex.decisions(), decisions);
    return new Counterexample(f, execution, names, schedule, trace, Findings.waits(ex));
  }

  /**
   * How much of the execution the counterexample keeps: a deadlock up to the step it formed (the
   * rest is other tasks carrying on), everything else to the end.
   */
  private static int cutStep(Finding f, Execution ex) {
    if (f instanceof Finding.Deadlock) {
      return Math.min(ex.events().size(), f.step());
    }
    return ex.events().size();
  }

  /** The decisions up to the {@code steps}-th scheduling decision, data choices included. */
  private static List<Choice> scheduleUpTo(List<Choice> all, int steps) {
    List<Choice> out = new ArrayList<>();
    int n = 0;
    for (Choice c : all) {
      if (!c.isData()) {
        if (n == steps) {
          break;
        }
        n++;
      }
      out.add(c);
    }
    return out;
  }
}
