package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.model.Verdict;

/**
 * Decides, for each lockdep report, whether the exploration confirms it, shows it to be a false
 * positive, or cannot tell; and which deadlocks lockdep cannot see.
 *
 * <p>A report is confirmed by a deadlock whose tasks hold or await every class of the report, one
 * of them waiting to acquire one of those classes (preferring the canonical DEADLOCK
 * counterexample, whose trace the user sees). Otherwise, after a
 * complete exploration, it is a false positive, and the classifier names the first of these causes
 * that holds: a class held exclusively at every recording of every dependency of the cycle (an
 * outer lock serialising both orders); a single task recording every dependency (a task does not
 * race with itself); a class only ever taken for read (readers do not exclude each other); or, in
 * general, that no interleaving closes the cycle. That last one is withheld (unknown) when the
 * exploration found a HANG: stuck tasks whose waits lockmc cannot pin on a holder may be the
 * cycle closing.
 */
public final class Classifier {
  private final DependencyGraph graph;
  private final LockdepRules rules;
  private final List<DeadlockWitness> witnesses;
  private final boolean complete;
  private final long executions;
  private final String bound;
  private final String canonicalKey;
  private final long canonicalExecution;
  /** The HANG the exploration found, or null: tasks stuck without a wait-for cycle. */
  private final String hangKey;

  public Classifier(DependencyGraph graph, LockdepRules rules, List<DeadlockWitness> witnesses,
      ExplorationResult exploration) {
    this.graph = graph;
    this.rules = rules;
    this.witnesses = List.copyOf(witnesses);
    this.complete = exploration.complete();
    this.executions = exploration.executions();
    this.bound = exploration.bound();
    Counterexample cx = exploration.counterexample(Verdict.DEADLOCK);
    this.canonicalKey = cx == null ? null : cx.finding().key();
    this.canonicalExecution = cx == null ? -1 : cx.execution();
    Counterexample hang = exploration.counterexample(Verdict.HANG);
    this.hangKey = hang == null ? null : hang.finding().key();
  }

  /** Classifies a cycle that the search found. */
  public Classification circular(Cycle c) {
    List<BitSet> held = new ArrayList<>();
    BitSet tasks = new BitSet();
    for (Edge e : c.edges()) {
      held.add(e.heldThroughout());
      tasks.or(e.tasks());
    }
    if (c.closing().stored()) {
      held.add(c.closing().edge().heldThroughout());
      tasks.or(c.closing().edge().tasks());
    } else {
      BitSet h = new BitSet();
      for (HeldLock l : c.closing().record().held()) {
        if (l.read() == 0) {
          h.set(l.lockClass().id());
        }
      }
      held.add(h);
      tasks.set(c.closing().record().pid() - 1);
    }
    return circular(c.path(), held, tasks);
  }

  /** Classifies the cycle through {@code edges} ({@code e0 -> e1 -> ... -> e0}, all stored). */
  public Classification circular(List<Edge> edges) {
    List<LockClass> classes = new ArrayList<>();
    List<BitSet> held = new ArrayList<>();
    BitSet tasks = new BitSet();
    for (Edge e : edges) {
      classes.add(e.from());
      held.add(e.heldThroughout());
      tasks.or(e.tasks());
    }
    return circular(classes, held, tasks);
  }

  private Classification circular(List<LockClass> classes, List<BitSet> held, BitSet tasks) {
    List<String> names = new ArrayList<>();
    for (LockClass c : classes) {
      names.add(c.displayName());
    }
    DeadlockWitness w = witness(names, null);
    if (w != null) {
      return confirmed(w);
    }
    if (!complete) {
      return unknown();
    }
    BitSet outer = (BitSet) held.get(0).clone();
    for (BitSet h : held) {
      outer.and(h);
    }
    for (LockClass c : classes) {
      outer.clear(c.id());
    }
    if (!outer.isEmpty()) {
      String who = join(outer);
      return falsePositive(who + (outer.cardinality() == 1 ? " is" : " are") + " held around "
          + (classes.size() == 2 ? "both orders" : "every dependency of the cycle")
          + " (at every recording), so they never run at the same time");
    }
    if (tasks.cardinality() == 1) {
      return falsePositive("only " + graph.taskName(tasks.nextSetBit(0)) + " takes these locks"
          + " in these orders, and a task does not race with itself");
    }
    for (LockClass c : classes) {
      if (!graph.everExclusive(c)) {
        return falsePositive("readers do not exclude each other: " + c.displayName()
            + " is only ever taken for read");
      }
    }
    if (hangKey != null) {
      // tasks stuck on a wait lockmc cannot pin on a holder (a wait queue, a bit) may be this very
      // cycle closing through a lock that lockdep sees and a wait that lockmc cannot attribute
      return new Classification(Classification.Kind.UNKNOWN, "no wait-for cycle closes, but the"
          + " exploration found " + hangKey + ": if those waits stand for these locks, this"
          + " report is real; read the HANG's trace", null);
    }
    return falsePositive("no interleaving closes the cycle (" + executions
        + " executions explored)");
  }

  /** Classifies a recursive-locking report. */
  public Classification recursive(MisuseReport.RecursiveLocking r) {
    String name = r.lockClass().displayName();
    DeadlockWitness w = witness(List.of(), name);
    if (w != null) {
      return confirmed(w);
    }
    if (!complete) {
      return unknown();
    }
    if (!graph.everExclusive(r.lockClass())) {
      return falsePositive("readers do not exclude each other: no task takes " + name
          + " for write, so the second acquisition never waits");
    }
    return falsePositive("no interleaving makes the second acquisition of " + name + " wait ("
        + executions + " executions explored)");
  }

  /**
   * The deadlocks no report covers, one per finding, with why lockdep cannot see them.
   *
   * @param cycles the cycles found
   * @param recursive the recursive-locking reports
   */
  public List<InvisibleDeadlock> invisible(List<Cycle> cycles,
      List<MisuseReport.RecursiveLocking> recursive) {
    Map<String, List<DeadlockWitness>> byKey = new LinkedHashMap<>();
    for (DeadlockWitness w : witnesses) {
      byKey.computeIfAbsent(w.key(), k -> new ArrayList<>()).add(w);
    }
    List<InvisibleDeadlock> out = new ArrayList<>();
    for (List<DeadlockWitness> group : byKey.values()) {
      if (!visible(group, cycles, recursive)) {
        out.add(new InvisibleDeadlock(group.get(0), whyInvisible(group.get(0))));
      }
    }
    return out;
  }

  private static boolean visible(List<DeadlockWitness> group, List<Cycle> cycles,
      List<MisuseReport.RecursiveLocking> recursive) {
    for (DeadlockWitness w : group) {
      for (Cycle c : cycles) {
        if (w.covers(c.classNames())) {
          return true;
        }
      }
      for (MisuseReport.RecursiveLocking r : recursive) {
        if (w.coversRecursion(r.lockClass().displayName())) {
          return true;
        }
      }
    }
    return false;
  }

  private String whyInvisible(DeadlockWitness w) {
    List<String> parts = new ArrayList<>();
    for (DeadlockWitness.TaskWait t : w.invisibleWaits()) {
      parts.add(t.task() + " waits in " + t.op() + ": " + InvisibleWaits.why(t.op()));
    }
    if (!parts.isEmpty()) {
      return String.join("; ", parts);
    }
    if (!rules.typedDependencies()) {
      for (String name : w.classes()) {
        LockClass c = graph.find(name);
        if (c != null && graph.everRecursiveRead(c)) {
          return "recursive-read annotation: lockdep before 5.10 stores no dependency for the"
              + " read-2 acquisitions of " + name;
        }
      }
    }
    return "lockdep records no cycle through " + String.join(", ", w.classes());
  }

  /** A witness covering {@code names} (or the recursion of {@code recursion}), canonical first. */
  private DeadlockWitness witness(List<String> names, String recursion) {
    DeadlockWitness found = null;
    for (DeadlockWitness w : witnesses) {
      boolean covers = recursion == null ? w.covers(names) : w.coversRecursion(recursion);
      if (!covers) {
        continue;
      }
      if (canonical(w)) {
        return w;
      }
      if (found == null) {
        found = w;
      }
    }
    return found;
  }

  private boolean canonical(DeadlockWitness w) {
    return w.key().equals(canonicalKey) && w.execution() == canonicalExecution;
  }

  private Classification confirmed(DeadlockWitness w) {
    String where = canonical(w) ? "execution " + w.execution() + ", the DEADLOCK counterexample"
        : "execution " + w.execution();
    return new Classification(Classification.Kind.CONFIRMED, w.summary() + " (" + where + ")", w);
  }

  private Classification unknown() {
    return new Classification(Classification.Kind.UNKNOWN, "exploration bounded by " + bound
        + ": no deadlock through these classes in " + executions + " executions", null);
  }

  private static Classification falsePositive(String reason) {
    return new Classification(Classification.Kind.FALSE_POSITIVE, reason, null);
  }

  private String join(BitSet ids) {
    List<String> names = new ArrayList<>();
    for (int i = ids.nextSetBit(0); i >= 0; i = ids.nextSetBit(i + 1)) {
      names.add(graph.classes().get(i).displayName());
    }
    return String.join(" and ", names);
  }
}
