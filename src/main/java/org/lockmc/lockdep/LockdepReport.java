package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.lockmc.model.Lockdep;

/**
 * What lockdep would report for one model, and lockmc's verdict on each report: the circular
 * dependencies and recursive-locking reports (each classified), the misuse reports, and the
 * deadlocks lockdep cannot see. Built by {@link LockdepAnalysis}; immutable.
 *
 * <p>{@link #text()} renders all of it, deterministically, in lockdep's own layouts: what {@code
 * lockmc check --lockdep} prints and what {@code reports/<model>/lockdep.txt} holds.
 */
public final class LockdepReport {
  /** A circular dependency and its classification. */
  public record Circular(Cycle cycle, Classification classification) {}

  /** A recursive-locking report and its classification. */
  public record Recursive(MisuseReport.RecursiveLocking report, Classification classification) {}

  private final String model;
  private final LockdepRules rules;
  private final DependencyGraph graph;
  private final Classifier classifier;
  private final List<Circular> circular;
  private final List<Recursive> recursive;
  private final List<MisuseReport> misuse;
  private final List<InvisibleDeadlock> invisible;
  private final List<String> violations;
  private final long executions;
  private final boolean complete;

  LockdepReport(String model, LockdepRules rules, DependencyGraph graph, Classifier classifier,
      List<Circular> circular, List<Recursive> recursive, List<MisuseReport> misuse,
      List<InvisibleDeadlock> invisible, List<String> violations, long executions,
      boolean complete) {
    this.model = model;
    this.rules = rules;
    this.graph = graph;
    this.classifier = classifier;
    this.circular = List.copyOf(circular);
    this.recursive = List.copyOf(recursive);
    this.misuse = List.copyOf(misuse);
    this.invisible = List.copyOf(invisible);
    this.violations = List.copyOf(violations);
    this.executions = executions;
    this.complete = complete;
  }

  public String model() {
    return model;
  }

  public LockdepRules rules() {
    return rules;
  }

  /** The class dependency graph the reports come from. */
  public DependencyGraph graph() {
    return graph;
  }

  /** The classifier, for cycles found elsewhere (a real splat's chain mapped onto the model). */
  public Classifier classifier() {
    return classifier;
  }

  /** Circular dependencies, in the order lockdep would meet them. */
  public List<Circular> circular() {
    return circular;
  }

  /** Recursive-locking reports, in exploration order. */
  public List<Recursive> recursive() {
    return recursive;
  }

  /** Bad unlock balance and lock-held-at-return reports, in exploration order. */
  public List<MisuseReport> misuse() {
    return misuse;
  }

  /** Deadlocks the explorer reached that no report covers. */
  public List<InvisibleDeadlock> invisible() {
    return invisible;
  }

  /** The exploration's violation findings (their keys), which misuse reports point at. */
  List<String> violations() {
    return violations;
  }

  public long executions() {
    return executions;
  }

  public boolean complete() {
    return complete;
  }

  /**
   * {@link Lockdep#CYCLE} when lockdep reports a possible deadlock (a circular dependency, or
   * recursive locking: a cycle of one class), {@link Lockdep#NO_CYCLE} otherwise.
   */
  public Lockdep verdict() {
    return circular.isEmpty() && recursive.isEmpty() ? Lockdep.NO_CYCLE : Lockdep.CYCLE;
  }

  /** {@code NO_CYCLE}, {@code CYCLE (confirmed)}, {@code CYCLE (false positive)}, ... */
  public String summary() {
    Set<Classification.Kind> kinds = EnumSet.noneOf(Classification.Kind.class);
    for (Circular c : circular) {
      kinds.add(c.classification().kind());
    }
    for (Recursive r : recursive) {
      kinds.add(r.classification().kind());
    }
    if (kinds.isEmpty()) {
      return Lockdep.NO_CYCLE.name();
    }
    if (kinds.size() > 1) {
      return "CYCLE (mixed)";
    }
    Classification.Kind k = kinds.iterator().next();
    return "CYCLE (" + (k == Classification.Kind.CONFIRMED ? "confirmed" : k.label()) + ")";
  }

  /** One line per report and per invisible deadlock, for the console. */
  public List<String> brief() {
    List<String> out = new ArrayList<>();
    for (Circular c : circular) {
      out.add("lockdep: circular dependency " + c.cycle().chain() + ": "
          + c.classification().text());
    }
    for (Recursive r : recursive) {
      out.add("lockdep: recursive locking of " + r.report().lockClass().displayName() + " by "
          + r.report().task() + ": " + r.classification().text());
    }
    for (MisuseReport m : misuse) {
      out.add("lockdep: " + LockdepText.misuseLine(m));
    }
    for (InvisibleDeadlock d : invisible) {
      out.add("lockdep cannot see: " + d.witness().summary() + " (execution "
          + d.witness().execution() + "): " + d.reason());
    }
    return out;
  }

  /** Every report in lockdep's layouts with lockmc's verdicts; deterministic. */
  public String text() {
    return LockdepText.render(this);
  }
}
