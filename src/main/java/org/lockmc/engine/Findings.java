package org.lockmc.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.lockmc.engine.sync.LockdepEffect;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.engine.sync.WaitFor;

/**
 * Concludes an execution: its violations and livelocks (recorded as they happened), a deadlock
 * for each cycle of stuck tasks, and a hang when tasks are left blocked with no cycle and nothing
 * else went wrong (blocked tasks behind a violation or a livelock are its consequence, not a
 * separate bug).
 */
final class Findings {
  private Findings() {}

  /** The wait-for graph of the tasks blocked now. */
  static WaitForGraph graph(Execution ex) {
    WaitForGraph g = new WaitForGraph();
    for (TaskControl t : ex.tasks()) {
      if (t.status == TaskControl.Status.RUNNABLE && !t.opEnabled) {
        g.add(t.id, t.pending.object().waitFor(t.pending, t.state));
      }
    }
    return g;
  }

  static List<Finding> conclude(Execution ex, boolean maximal) {
    List<Finding> result = new ArrayList<>(ex.findings());
    WaitForGraph g = graph(ex);
    if (g.isEmpty()) {
      return result;
    }
    BitSet stuck = g.stuck();
    List<BitSet> cycles = g.cycles(stuck);
    BitSet inCycles = new BitSet();
    for (BitSet c : cycles) {
      inCycles.or(c);
    }
    for (BitSet c : cycles) {
      List<String> names = new ArrayList<>();
      List<Finding.Wait> waits = new ArrayList<>();
      int formed = 0;
      for (int t = c.nextSetBit(0); t >= 0; t = c.nextSetBit(t + 1)) {
        TaskControl tc = ex.task(t);
        names.add(tc.name());
        waits.add(wait(tc));
        formed = Math.max(formed, Math.max(0, ex.stuck().since(t)));
      }
      List<String> also = new ArrayList<>();
      for (int t = stuck.nextSetBit(0); t >= 0; t = stuck.nextSetBit(t + 1)) {
        if (!inCycles.get(t)) {
          also.add(ex.task(t).name());
        }
      }
      result.add(new Finding.Deadlock(names, waits, also, formed));
    }
    if (maximal && cycles.isEmpty() && result.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (Finding.Wait w : waits(ex)) {
        names.add(w.task());
      }
      result.add(new Finding.Hang(names, waits(ex), ex.events().size()));
    }
    return result;
  }

  /** How every blocked task waits now. */
  static List<Finding.Wait> waits(Execution ex) {
    List<Finding.Wait> waits = new ArrayList<>();
    for (TaskControl t : ex.tasks()) {
      if (t.status == TaskControl.Status.RUNNABLE && !t.opEnabled) {
        waits.add(wait(t));
      }
    }
    return waits;
  }

  private static Finding.Wait wait(TaskControl t) {
    List<String> held = new ArrayList<>();
    for (TaskState.Held h : t.state.held()) {
      held.add(h.toString());
    }
    WaitFor w = t.pending.object().waitFor(t.pending, t.state);
    List<String> waitsFor = new ArrayList<>();
    for (TaskState s : w.tasks()) {
      if (s != null && !waitsFor.contains(s.name())) {
        waitsFor.add(s.name());
      }
    }
    return new Finding.Wait(t.name(), t.origin.describe(), w.reason(), held,
        lockdepClass(t.origin), waitsFor);
  }

  /** The class lockdep saw acquired for a wait in {@code op}, or null when it sees none. */
  private static String lockdepClass(Op op) {
    LockdepEffect l = op.lockdep();
    if (l == null || !l.check()) {
      return null;
    }
    if (l.kind() != LockdepEffect.Kind.ACQUIRE && l.kind() != LockdepEffect.Kind.SYNC
        && l.kind() != LockdepEffect.Kind.ACQUIRE_RELEASE) {
      return null;
    }
    return l.subclass() == 0 ? l.lock().name() : l.lock().name() + "/" + l.subclass();
  }
}
