package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockmc.engine.ExecutionListener;
import org.lockmc.engine.ExecutionOutcome;
import org.lockmc.engine.Finding;
import org.lockmc.engine.sync.LockdepEffect;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.Step;
import org.lockmc.engine.sync.TaskLife;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.runtime.ModelRuntime;

/**
 * Records every explored execution as lockdep would: per task a held-lock stack (reset for each
 * execution), and for the whole exploration one {@link DependencyGraph}, the misuse reports and
 * the deadlocks reached, seen through lockdep's eyes.
 *
 * <p>As lockdep does, a blocking acquisition is recorded when the task arrives at it (before it
 * may block, on the task's own thread, where the model line can be read), a trylock only when it
 * succeeds, and nothing is ever removed from the graph. Dependencies are added as {@code
 * check_prevs_add()} adds them (see {@link DependencyRules}).
 *
 * <p>Cost: per operation one hash update; per acquisition a few array and list look-ups. The
 * model line of an acquisition is read from the stack only the first time the task reaches it
 * along the same program path (a hash of every operation the task arrived at before it), so
 * stack walks do not grow with the number of executions.
 *
 * <p>Not thread-safe: the engine calls listeners one at a time.
 */
public final class LockdepRecorder implements ExecutionListener {
  /** Where the model line of the calling task comes from. */
  public interface SiteSource {
    /** The model line the calling task is at ({@code Model.java:42}), or null. */
    String site();
  }

  private final LockdepRules rules;
  private final SiteSource sites;
  private final DependencyGraph graph = new DependencyGraph();
  private final DependencyRules dependencies;
  private final SiteCache siteCache = new SiteCache();
  private final Map<String, MisuseReport> misuse = new LinkedHashMap<>();
  private final Map<String, List<DeadlockWitness>> witnesses = new LinkedHashMap<>();
  private TaskLocks[] tasks = new TaskLocks[8];
  private long execution;

  /** A recorder reading model lines from the running task ({@link ModelRuntime}). */
  public LockdepRecorder(LockdepRules rules) {
    this(rules, () -> ModelRuntime.current().callSite());
  }

  public LockdepRecorder(LockdepRules rules, SiteSource sites) {
    this.rules = rules;
    this.sites = sites;
    this.dependencies = new DependencyRules(rules, graph, misuse, this::site);
  }

  public LockdepRules rules() {
    return rules;
  }

  public DependencyGraph graph() {
    return graph;
  }

  /** Executions observed. */
  public long executions() {
    return execution;
  }

  /** Misuse reports, first occurrence of each, in exploration order. */
  public List<MisuseReport> misuse() {
    return List.copyOf(misuse.values());
  }

  /** The deadlocks reached: per finding key, each distinct set of classes involved. */
  public List<DeadlockWitness> witnesses() {
    List<DeadlockWitness> out = new ArrayList<>();
    witnesses.values().forEach(out::addAll);
    return out;
  }

  @Override
  public void executionStarted() {
    execution++;
  }

  @Override
  public void arrived(TaskState task, Op op) {
    TaskLocks t = locks(task);
    t.path = t.path * 1_000_003L + 31L * op.object().name().hashCode()
        + op.getClass().getName().hashCode();
    LockdepEffect e = op.lockdep();
    if (e == null) {
      return;
    }
    switch (e.kind()) {
      case ACQUIRE:
        if (e.trylock()) {
          t.pendingTry = op;
          t.pendingTrySite = site(t);
        } else {
          t.blockedOn = dependencies.acquire(t, e, op, execution);
        }
        break;
      case SYNC:
        if (rules.hasLockSync()) {
          dependencies.validateOnly(t, e, op, true, execution);
        }
        break;
      case ACQUIRE_RELEASE:
        dependencies.validateOnly(t, e, op, false, execution);
        break;
      case RELEASE:
        dependencies.release(t, e, op, execution);
        break;
      case DOWNGRADE:
        t.downgrade(e.lock());
        break;
      default:
        break;
    }
  }

  @Override
  public void performed(TaskState task, Op op, Step step) {
    if (op instanceof TaskLife.Exit) {
      if (!((TaskLife.Exit) op).died()) {
        // a task that died on a failed check never returns to user space; what it holds is the
        // failure's consequence, which the engine already reports
        exit(task);
      }
      return;
    }
    TaskLocks t = task.id() < tasks.length ? tasks[task.id()] : null;
    if (t == null || t.epoch != execution || !step.complete()) {
      return;
    }
    t.blockedOn = null;
    if (t.pendingTry == op) {
      t.pendingTry = null;
      if (step.result() != 0) {
        LockdepEffect e = op.lockdep();
        LockClass c = graph.classOf(e.lock(), e.subclass());
        if (e.check()) {
          graph.used(c, e.read(), false);
        }
        t.push(c, e.lock(), e.read(), true, e.check(), t.pendingTrySite);
      }
    }
  }

  private void exit(TaskState task) {
    TaskLocks t = locks(task);
    if (t.depth() > 0) {
      String key = "held:" + t.name + ":" + t.classNames(null);
      misuse.putIfAbsent(key, new MisuseReport.HeldAtReturn(t.name, t.id + 1, t.snapshot(),
          execution));
    }
  }

  @Override
  public void executionEnded(ExecutionOutcome outcome) {
    if (!(outcome instanceof ExecutionOutcome.Completed)) {
      return;
    }
    for (Finding f : ((ExecutionOutcome.Completed) outcome).findings()) {
      if (f instanceof Finding.Deadlock) {
        witness((Finding.Deadlock) f);
      }
    }
  }

  private void witness(Finding.Deadlock d) {
    List<DeadlockWitness.TaskWait> waits = new ArrayList<>();
    for (Finding.Wait w : d.waits()) {
      TaskLocks t = byName(w.task());
      List<String> held = t == null ? List.of() : t.classNames(t.blockedOn);
      waits.add(new DeadlockWitness.TaskWait(w.task(), w.op(), w.reason(), w.lockdepClass(), held));
    }
    DeadlockWitness dw = new DeadlockWitness(d.key(), d.summary(), execution, waits);
    List<DeadlockWitness> known = witnesses.computeIfAbsent(d.key(), k -> new ArrayList<>());
    for (DeadlockWitness k : known) {
      if (k.classes().equals(dw.classes())) {
        return;
      }
    }
    if (known.size() < 8) {
      known.add(dw);
    }
  }

  private TaskLocks byName(String name) {
    for (TaskLocks t : tasks) {
      if (t != null && t.epoch == execution && t.name.equals(name)) {
        return t;
      }
    }
    return null;
  }

  private TaskLocks locks(TaskState task) {
    int id = task.id();
    if (id >= tasks.length) {
      tasks = Arrays.copyOf(tasks, Math.max(id + 1, tasks.length * 2));
    }
    TaskLocks t = tasks[id];
    if (t == null) {
      t = new TaskLocks(id);
      tasks[id] = t;
    }
    if (t.epoch != execution) {
      t.reset(execution, task.name());
      graph.task(id, task.name());
    }
    return t;
  }

  /** The model line of the task's current operation: from the cache, or read from its stack. */
  private String site(TaskLocks t) {
    long key = t.path * 31 + t.id;
    String s = siteCache.get(key);
    if (s == null) {
      s = sites.site();
      if (s == null) {
        s = "?";
      }
      siteCache.put(key, s);
    }
    return s;
  }
}
