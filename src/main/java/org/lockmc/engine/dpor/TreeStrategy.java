package org.lockmc.engine.dpor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.lockmc.engine.Event;
import org.lockmc.engine.ExplorationStrategy;
import org.lockmc.engine.ModelError;
import org.lockmc.engine.SchedulingPoint;

/**
 * Stateless depth-first exploration of the tree of schedules, either exhaustively (every enabled
 * task at every point) or with dynamic partial-order reduction.
 *
 * <p>DPOR is source-set DPOR with sleep sets (Abdulla, Aronis, Jonsson, Sagonas, POPL 2014): after
 * each new event {@code e} of task {@code p}, every earlier event {@code i} of another task that
 * is dependent with {@code e} and not already known to {@code p} (not happening-before {@code
 * p}'s previous event, Flanagan and Godefroid's race condition) is a race; the initials of {@code
 * notdep(i).p} are computed and, unless one of them is already in the backtrack set of the state
 * before {@code i}, one that is enabled there is added. Considering every such pair, not only
 * the immediate races, keeps the algorithm sound with blocking primitives, where an unlock enables
 * a lock without the two being reversible: the lock then races with the previous lock instead.
 * An initial that is not enabled before {@code i} marks a reversal that cannot happen and is
 * skipped. Sleep sets make every explored execution inequivalent to the earlier ones, and an
 * execution in which every enabled task sleeps is abandoned as redundant.
 */
public final class TreeStrategy implements ExplorationStrategy {
  private final boolean dpor;
  private final List<Node> stack = new ArrayList<>();
  private boolean started;
  private int pos;
  private int newFrom;
  private BitSet pendingSleep = new BitSet();

  private final List<Ev> evs = new ArrayList<>();
  private final EventIndex index = new EventIndex();
  private int[][] taskClock = new int[8][];
  private int[] taskEvents = new int[8];

  /** An event of the current execution with its vector clock. */
  private record Ev(Event event, int task, int local, int node, int[] clock) {}

  private TreeStrategy(boolean dpor) {
    this.dpor = dpor;
  }

  /** Source-set DPOR with sleep sets. */
  public static TreeStrategy dpor() {
    return new TreeStrategy(true);
  }

  /** Every schedule. */
  public static TreeStrategy exhaustive() {
    return new TreeStrategy(false);
  }

  @Override
  public boolean startExecution() {
    if (!started) {
      started = true;
      resetExecution(0);
      return true;
    }
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Node n = stack.get(top);
      if (n.data) {
        if (n.value + 1 < n.choices) {
          n.value++;
          resetExecution(top);
          return true;
        }
      } else {
        int c = n.nextCandidate();
        if (c >= 0) {
          n.chosen = c;
          n.chosenOp = null;
          n.done.set(c);
          resetExecution(top);
          return true;
        }
      }
      stack.remove(top);
    }
    return false;
  }

  private void resetExecution(int firstNew) {
    pos = 0;
    newFrom = firstNew;
    pendingSleep = new BitSet();
    evs.clear();
    index.clear();
    Arrays.fill(taskClock, null);
    Arrays.fill(taskEvents, 0);
  }

  @Override
  public int chooseTask(SchedulingPoint point) {
    if (pos < stack.size()) {
      Node n = stack.get(pos);
      if (n.data || !point.isEnabled(n.chosen)) {
        throw diverged(n.data ? "a data choice (Kernel.choose)" : "task " + n.chosen + " to run",
            "a scheduling point where it cannot");
      }
      return n.chosen;
    }
    BitSet enabled = new BitSet();
    for (int i = 0; i < point.size(); i++) {
      if (point.enabled(i)) {
        enabled.set(point.task(i));
      }
    }
    BitSet candidates = (BitSet) enabled.clone();
    candidates.andNot(pendingSleep);
    if (candidates.isEmpty()) {
      return SLEEP_BLOCKED;
    }
    int last = point.lastTask();
    int c = last >= 0 && candidates.get(last) ? last : candidates.nextSetBit(0);
    Node n = Node.schedule(enabled, pendingSleep);
    n.chosen = c;
    n.done.set(c);
    if (dpor) {
      n.backtrack.set(c);
    } else {
      n.backtrack.or(enabled);
    }
    stack.add(n);
    return c;
  }

  @Override
  public int chooseValue(int task, int n) {
    if (pos < stack.size()) {
      Node d = stack.get(pos);
      if (!d.data || d.choices != n) {
        throw diverged("task " + task + " to be scheduled", "a data choice (Kernel.choose(" + n + "))");
      }
      pos++;
      return d.value;
    }
    stack.add(Node.data(n));
    pos++;
    return 0;
  }

  private ModelError diverged(String expected, String found) {
    return new ModelError("the model does not behave the same way when a schedule is replayed:"
        + " at decision " + pos + " lockmc expected " + expected + " but found " + found
        + ". A model must be deterministic: no Random, clocks, identity hash codes or iteration"
        + " over hash sets of objects; use Kernel.choose for choices");
  }

  @Override
  public void performed(Event event, SchedulingPoint before) {
    Node n = stack.get(pos);
    String op = event.op().getClass().getSimpleName() + ":" + event.op().object().name();
    if (n.chosenOp == null) {
      n.chosenOp = op;
    } else if (!n.chosenOp.equals(op)) {
      throw diverged("task " + event.task() + " to perform " + n.chosenOp, op);
    }
    if (dpor) {
      // Happens-before (vector clocks) only serves race detection: exhaustive exploration skips
      // it, which keeps its cost per event constant on long executions.
      int p = event.task();
      int[] prior = taskClock(p);
      int[] clock = clockOf(event, prior);
      if (pos >= newFrom) {
        races(event, p, prior, clock);
      }
      record(event, clock, pos);
      BitSet child = new BitSet();
      BitSet asleep = (BitSet) n.sleep.clone();
      asleep.or(n.done);
      asleep.clear(n.chosen);
      for (int q = asleep.nextSetBit(0); q >= 0; q = asleep.nextSetBit(q + 1)) {
        int qi = before.indexOf(q);
        if (qi >= 0 && !before.dependent(qi, event)) {
          child.set(q);
        }
      }
      pendingSleep = child;
    }
    pos++;
  }

  @Override
  public void forced(Event event) {
    if (!dpor) {
      return;
    }
    int p = event.task();
    int[] prior = taskClock(p);
    int[] clock = clockOf(event, prior);
    if (dpor && pos >= newFrom) {
      races(event, p, prior, clock);
    }
    record(event, clock, -1);
  }

  @Override
  public void pendingAtEnd(int task, org.lockmc.engine.sync.Op op, boolean global) {
    if (!dpor) {
      return;
    }
    Event pending = new Event(evs.size(), task, op, global, null, false, -1);
    int[] prior = taskClock(task);
    races(pending, task, prior, clockOf(pending, prior));
  }

  private int[] taskClock(int p) {
    ensureTask(p);
    return taskClock[p];
  }

  /** The vector clock of {@code event}: its task's, joined with every earlier dependent event's. */
  private int[] clockOf(Event event, int[] prior) {
    int p = event.task();
    int[] clock = prior == null ? new int[0] : prior.clone();
    BitSet candidates = index.candidates(event);
    for (int k = candidates.length() - 1; k >= 0; k = candidates.previousSetBit(k - 1)) {
      Ev i = evs.get(k);
      if (i.task() != p && at(clock, i.task()) < i.local() && i.event().dependent(event)) {
        clock = join(clock, i.clock());
      }
    }
    return set(clock, p, taskEvents[p] + 1);
  }

  private void record(Event event, int[] clock, int node) {
    int p = event.task();
    taskEvents[p]++;
    index.add(evs.size(), event);
    evs.add(new Ev(event, p, taskEvents[p], node, clock));
    taskClock[p] = clock;
    if (event.spawned() >= 0) {
      ensureTask(event.spawned());
      taskClock[event.spawned()] = clock.clone();
    }
  }

  /** Adds backtrack points for every race of the new event {@code e} of task {@code p}. */
  private void races(Event e, int p, int[] prior, int[] clock) {
    BitSet candidates = index.candidates(e);
    for (int k = candidates.nextSetBit(0); k >= 0; k = candidates.nextSetBit(k + 1)) {
      Ev i = evs.get(k);
      if (i.node() < 0 || i.task() == p || at(prior, i.task()) >= i.local()
          || !i.event().dependent(e)) {
        continue;
      }
      Node node = stack.get(i.node());
      BitSet initials = initials(i, p, clock);
      if (initials.intersects(node.backtrack)) {
        continue;
      }
      initials.and(node.enabled);
      int q = initials.nextSetBit(0);
      if (q >= 0) {
        node.backtrack.set(q);
      }
    }
  }

  /**
   * The tasks that can start {@code notdep(i).p}: the events after {@code i} that do not happen
   * after it, followed by {@code p}'s new event (whose clock is {@code pClock}); a task is an
   * initial when its first event there has no other event of the sequence before it.
   */
  private BitSet initials(Ev i, int p, int[] pClock) {
    int tasks = Math.max(taskEvents.length, p + 1);
    int[] first = new int[tasks];
    Arrays.fill(first, -1);
    for (int k = i.event().index() + 1; k < evs.size(); k++) {
      Ev e = evs.get(k);
      if (at(e.clock(), i.task()) >= i.local()) {
        continue;
      }
      if (first[e.task()] < 0) {
        first[e.task()] = k;
      }
    }
    BitSet result = new BitSet();
    for (int r = 0; r < tasks; r++) {
      if (first[r] < 0 && r != p) {
        continue;
      }
      int[] c = first[r] >= 0 ? evs.get(first[r]).clock() : pClock;
      boolean initial = true;
      for (int r2 = 0; r2 < tasks && initial; r2++) {
        if (r2 != r && first[r2] >= 0) {
          Ev f = evs.get(first[r2]);
          if (at(c, f.task()) >= f.local()) {
            initial = false;
          }
        }
      }
      if (initial) {
        result.set(r);
      }
    }
    return result;
  }

  private void ensureTask(int t) {
    if (t >= taskEvents.length) {
      int n = Math.max(t + 1, taskEvents.length * 2);
      taskEvents = Arrays.copyOf(taskEvents, n);
      taskClock = Arrays.copyOf(taskClock, n);
    }
  }

  private static int at(int[] clock, int t) {
    return clock != null && t < clock.length ? clock[t] : 0;
  }

  private static int[] join(int[] a, int[] b) {
    int[] r = a.length >= b.length ? a.clone() : Arrays.copyOf(a, b.length);
    for (int t = 0; t < b.length; t++) {
      r[t] = Math.max(r[t], b[t]);
    }
    return r;
  }

  private static int[] set(int[] clock, int t, int v) {
    int[] r = t < clock.length ? clock : Arrays.copyOf(clock, t + 1);
    r[t] = v;
    return r;
  }

  @Override
  public boolean coversAllBehaviours() {
    return true;
  }
}
