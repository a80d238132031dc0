package org.lockmc.report;

import org.lockmc.lockdep.DependencyGraph;
import org.lockmc.lockdep.Edge;
import org.lockmc.lockdep.EdgeRecord;
import org.lockmc.lockdep.LockClass;
import org.lockmc.lockdep.LockdepReport;

/**
 * Draws lockdep's class dependency graph: every class lockdep recorded, every dependency with the
 * place it was first recorded (as lockdep keeps one stack trace per dependency), cycles marked.
 */
final class LockdepGraphs {
  private LockdepGraphs() {}

  static LockGraph of(LockdepReport report) {
    DependencyGraph g = report.graph();
    LockGraph.Builder b = new LockGraph.Builder("lockdep's class dependency graph ("
        + report.rules().label() + " rules), first recording of each dependency");
    for (LockClass c : g.classes()) {
      b.node(c.displayName());
    }
    for (Edge e : g.edges()) {
      EdgeRecord first = e.first();
      b.edge(e.from().displayName(), e.to().displayName(),
          first.task() + ": " + first.op() + " at " + first.site());
    }
    return b.build();
  }
}
