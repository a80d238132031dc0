package org.lockmc.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lockmc.engine.ExecutionListener;
import org.lockmc.engine.sync.LockdepEffect;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskState;

/**
 * Records the lock-class graph of a whole exploration for the reports: every class a task
 * acquired or tried to acquire, and an edge {@code a -> b} whenever a task reached an acquisition
 * of {@code b} while holding {@code a} (whether or not it then blocked), following lockdep's
 * rules for which acquisitions count: no edge into a trylock, none for acquisitions lockdep does
 * not validate.
 *
 * <p>A deliberately small stand-in: classes are lock names plus the {@code _nested} subclass of
 * the acquisition (held locks are named without theirs), and read levels are not told apart.
 * The lockdep analysis, which models all of that, supplies the full graph through {@link
 * ModelReport#withLockdep}.
 *
 * <p>Calls come one at a time from whichever task thread holds the scheduler, so the recorder
 * needs no locking; one recorder serves one exploration.
 */
public final class LockGraphRecorder implements ExecutionListener {
  /** Evidence lines kept per edge: enough to say who shows it, not a log. */
  private static final int EVIDENCE = 4;
  private final Set<String> classes = new LinkedHashSet<>();
  private final Map<List<String>, Set<String>> edges = new LinkedHashMap<>();

  @Override
  public void arrived(TaskState task, Op op) {
    LockdepEffect l = op.lockdep();
    if (l == null
        || (l.kind() != LockdepEffect.Kind.ACQUIRE && l.kind() != LockdepEffect.Kind.SYNC)) {
      return;
    }
    String cls = l.subclass() == 0 ? l.lock().name() : l.lock().name() + "/" + l.subclass();
    classes.add(cls);
    if (!l.check() || l.trylock()) {
      return;
    }
    for (TaskState.Held h : task.held()) {
      String from = h.lock().name();
      classes.add(from);
      Set<String> ev = edges.computeIfAbsent(List.of(from, cls), k -> new LinkedHashSet<>());
      if (ev.size() < EVIDENCE) {
        ev.add(task.name() + ": " + op.describe() + " holding " + h);
      }
    }
  }

  /**
   * The graph recorded so far, with the evidence (and model lines) of the counterexamples'
   * dependencies added to its edges.
   */
  public LockGraph graph(List<Witness> witnesses) {
    LockGraph.Builder b = new LockGraph.Builder("every lock class acquired in the explored"
        + " executions; an arrow a \u2192 b: b was acquired (or waited for) while a was held");
    classes.forEach(b::node);
    for (Map.Entry<List<String>, Set<String>> e : edges.entrySet()) {
      for (String ev : new ArrayList<>(e.getValue())) {
        b.edge(e.getKey().get(0), e.getKey().get(1), ev);
      }
    }
    for (Witness w : witnesses) {
      for (Witness.Dependency d : w.dependencies()) {
        b.edge(d.from(), d.to(), d.task() + ": " + d.op() + " holding " + d.from()
            + (d.site() == null ? "" : " at " + d.site()) + " (in the counterexample)");
      }
    }
    return b.build();
  }
}
