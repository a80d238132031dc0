package org.lockmc.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.lockmc.engine.Event;
import org.lockmc.engine.ExecutionListener;
import org.lockmc.engine.ExplorationStrategy;
import org.lockmc.engine.SchedulingPoint;
import org.lockmc.engine.sync.LockdepEffect;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.Step;
import org.lockmc.engine.sync.TaskState;

/**
 * Watches the replay of one counterexample and records, by event index, what the trace alone
 * does not say: where each task blocked and why, when each lock hold began and ended, the model
 * line of every operation a task reached, and the lock-class dependencies (held class, acquired
 * class) of every acquisition a task attempted. {@link Witnesses} turns this into a {@link
 * Witness}.
 *
 * <p>It is both the replay's {@link ExecutionListener} and a decorator of its strategy: the
 * strategy is the only observer that sees every scheduling point, and so which tasks cannot run.
 * It changes no decision. One recorder serves one replay (one execution).
 */
final class WitnessRecorder implements ExecutionListener, ExplorationStrategy {
  private static final StackWalker WALKER =
      StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

  /** A task blocked at event index {@code at} (before that event), until event {@code until}. */
  static final class Block {
    final String task;
    final String op;
    final String reason;
    final String site;
    final int at;
    int until = -1;

    Block(String task, String op, String reason, String site, int at) {
      this.task = task;
      this.op = op;
      this.reason = reason;
      this.site = site;
      this.at = at;
    }
  }

  /** A hold from event {@code from} to event {@code to} (-1: held at the end). */
  record HoldSpan(String task, String lock, String mode, int from, int to) {}

  private final ExplorationStrategy delegate;
  private final ClassLoader models;
  private final Map<Integer, TaskState> states = new TreeMap<>();
  private final Map<String, String> arrivalSite = new HashMap<>();
  private final Map<String, List<TaskState.Held>> lastHeld = new HashMap<>();
  private final Map<String, List<Integer>> openSince = new HashMap<>();
  private final Map<String, Block> openBlock = new HashMap<>();
  private final List<Block> blocks = new ArrayList<>();
  private final List<HoldSpan> holds = new ArrayList<>();
  private final Set<Witness.Dependency> dependencies = new LinkedHashSet<>();
  private final Set<String> lockClasses = new LinkedHashSet<>();
  private int events;

  WitnessRecorder(ExplorationStrategy delegate, ClassLoader models) {
    this.delegate = delegate;
    this.models = models;
  }

  // ---- ExecutionListener ------------------------------------------------------------------

  @Override
  public void arrived(TaskState task, Op op) {
    states.put(task.id(), task);
    lastHeld.putIfAbsent(task.name(), List.of());
    String site = site();
    arrivalSite.put(task.name(), site);
    LockdepEffect l = op.lockdep();
    if (l == null) {
      return;
    }
    String cls = l.subclass() == 0 ? l.lock().name() : l.lock().name() + "/" + l.subclass();
    if (l.kind() == LockdepEffect.Kind.ACQUIRE || l.kind() == LockdepEffect.Kind.SYNC) {
      lockClasses.add(cls);
    }
    // lockdep adds no dependency into a trylock, nor for acquisitions it does not validate.
    boolean validated = l.check() && !l.trylock()
        && (l.kind() == LockdepEffect.Kind.ACQUIRE || l.kind() == LockdepEffect.Kind.SYNC);
    if (validated) {
      for (TaskState.Held h : task.held()) {
        dependencies.add(new Witness.Dependency(h.lock().name(), cls, task.name(), op.describe(),
            site));
      }
    }
  }

  @Override
  public void performed(TaskState task, Op op, Step step) {
    int event = events++;
    Block b = openBlock.remove(task.name());
    if (b != null) {
      b.until = event;
    }
    for (TaskState s : states.values()) {
      diffHolds(s, event);
    }
  }

  /** Compares a task's held locks with the last snapshot: new holds start, missing ones end. */
  private void diffHolds(TaskState s, int event) {
    List<TaskState.Held> before = lastHeld.getOrDefault(s.name(), List.of());
    List<TaskState.Held> now = List.copyOf(s.held());
    if (before.equals(now)) {
      return;
    }
    List<Integer> since = openSince.computeIfAbsent(s.name(), k -> new ArrayList<>());
    int[] start = new int[now.size()];
    boolean[] matched = new boolean[now.size()];
    java.util.Arrays.fill(start, event);
    for (int i = 0; i < before.size(); i++) {
      int j = indexOf(now, matched, before.get(i));
      if (j >= 0) {
        matched[j] = true;
        start[j] = since.get(i);
      } else {
        TaskState.Held h = before.get(i);
        holds.add(new HoldSpan(s.name(), h.lock().name(), h.mode(), since.get(i), event));
      }
    }
    since.clear();
    for (int v : start) {
      since.add(v);
    }
    lastHeld.put(s.name(), now);
  }

  private static int indexOf(List<TaskState.Held> list, boolean[] taken, TaskState.Held h) {
    for (int j = 0; j < list.size(); j++) {
      if (!taken[j] && list.get(j).equals(h)) {
        return j;
      }
    }
    return -1;
  }

  /** The model source line of the current task thread's innermost model frame, or null. */
  private String site() {
    return WALKER.walk(frames -> frames
        .filter(f -> f.getDeclaringClass().getClassLoader() == models)
        .findFirst()
        .map(f -> f.getFileName() + ":" + f.getLineNumber())
        .orElse(null));
  }

  // ---- ExplorationStrategy ----------------------------------------------------------------

  @Override
  public boolean startExecution() {
    return delegate.startExecution();
  }

  @Override
  public int chooseTask(SchedulingPoint point) {
    for (int i = 0; i < point.size(); i++) {
      // A global entry that cannot run may only be waiting for others to run after a yield:
      // that is not blocking, and its operation may well be enabled.
      if (point.enabled(i) || point.global(i)) {
        continue;
      }
      String name = point.name(i);
      Op op = point.op(i);
      Block open = openBlock.get(name);
      if (open != null && open.op.equals(op.describe())) {
        continue;
      }
      TaskState state = states.get(point.task(i));
      String reason = op.object().waitFor(op, state).reason();
      Block b = new Block(name, op.describe(), reason, arrivalSite.get(name), events);
      openBlock.put(name, b);
      blocks.add(b);
    }
    return delegate.chooseTask(point);
  }

  @Override
  public int chooseValue(int task, int n) {
    return delegate.chooseValue(task, n);
  }

  @Override
  public void performed(Event event, SchedulingPoint before) {
    delegate.performed(event, before);
  }

  @Override
  public void forced(Event event) {
    delegate.forced(event);
  }

  @Override
  public void pendingAtEnd(int task, Op op, boolean global) {
    delegate.pendingAtEnd(task, op, global);
  }

  @Override
  public boolean coversAllBehaviours() {
    return delegate.coversAllBehaviours();
  }

  // ---- what was recorded ------------------------------------------------------------------

  /** Blocks in order of blocking. */
  List<Block> blocks() {
    return blocks;
  }

  /** Every hold, closed ones first in order of release, then those open at the end. */
  List<HoldSpan> holds() {
    List<HoldSpan> all = new ArrayList<>(holds);
    List<String> names = new ArrayList<>(lastHeld.keySet());
    names.sort(null);
    for (String task : names) {
      List<TaskState.Held> held = lastHeld.get(task);
      List<Integer> since = openSince.getOrDefault(task, List.of());
      for (int i = 0; i < held.size(); i++) {
        all.add(new HoldSpan(task, held.get(i).lock().name(), held.get(i).mode(), since.get(i), -1));
      }
    }
    return all;
  }

  /** The model line at which {@code task} last reached an operation, or null. */
  String arrivalSite(String task) {
    return arrivalSite.get(task);
  }

  List<Witness.Dependency> dependencies() {
    return new ArrayList<>(dependencies);
  }

  List<String> lockClasses() {
    return new ArrayList<>(lockClasses);
  }
}
