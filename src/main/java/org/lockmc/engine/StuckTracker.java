package org.lockmc.engine;

import java.util.Arrays;
import java.util.BitSet;
import org.lockmc.engine.sync.SyncObject;

/**
 * Watches an execution step by step and remembers, for each task, the first step at which it was
 * stuck in the wait-for graph: the moment a deadlock formed, even while other tasks could still
 * run. The stuck set only grows, so the first step is well defined.
 *
 * <p>A new cycle can only form when a task becomes blocked, or when an event changes the object
 * a blocked task waits on (a new holder); only then is the graph recomputed.
 */
final class StuckTracker {
  private int[] since = new int[0];
  private final BitSet known = new BitSet();
  private final BitSet lastBlocked = new BitSet();

  void observe(Execution execution, Event last) {
    BitSet blocked = new BitSet();
    boolean touched = false;
    for (TaskControl t : execution.tasks()) {
      if (t.status == TaskControl.Status.RUNNABLE && !t.opEnabled) {
        blocked.set(t.id);
        SyncObject o = t.pending.object();
        if (last != null && (last.op().object() == o || last.global())) {
          touched = true;
        }
      }
    }
    boolean changed = !blocked.equals(lastBlocked);
    lastBlocked.clear();
    lastBlocked.or(blocked);
    if (blocked.isEmpty() || !(changed || touched)) {
      return;
    }
    BitSet stuck = Findings.graph(execution).stuck();
    int step = execution.events().size();
    for (int t = stuck.nextSetBit(0); t >= 0; t = stuck.nextSetBit(t + 1)) {
      if (!known.get(t)) {
        known.set(t);
        if (since.length <= t) {
          since = Arrays.copyOf(since, Math.max(t + 1, since.length * 2));
        }
        since[t] = step;
      }
    }
  }

  /** The step at which {@code task} became stuck, or -1. */
  int since(int task) {
    return known.get(task) ? since[task] : -1;
  }
}
