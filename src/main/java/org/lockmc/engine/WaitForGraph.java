package org.lockmc.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.engine.sync.WaitFor;

/**
 * The wait-for graph of the blocked tasks at one moment, and the tasks in it that can never run
 * again.
 *
 * <p>A blocked task is stuck when (for a wait on all of its tasks) one of them is stuck, or (for a
 * wait on any of them) all of them are; the stuck set is the greatest fixpoint of that rule, so a
 * cycle of waits is stuck and so is every task that waits on one. Tasks that are running,
 * finished or frozen are never stuck; a wait on an event nobody owns is never stuck (it is a hang
 * if nothing else runs).
 */
final class WaitForGraph {
  private final Map<Integer, WaitFor> waits = new TreeMap<>();

  void add(int task, WaitFor waitFor) {
    waits.put(task, waitFor);
  }

  boolean isEmpty() {
    return waits.isEmpty();
  }

  /** The stuck tasks. */
  BitSet stuck() {
    BitSet d = new BitSet();
    for (int t : waits.keySet()) {
      d.set(t);
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int t = d.nextSetBit(0); t >= 0; t = d.nextSetBit(t + 1)) {
        if (!justified(waits.get(t), d)) {
          d.clear(t);
          changed = true;
        }
      }
    }
    return d;
  }

  private static boolean justified(WaitFor w, BitSet d) {
    List<TaskState> on = w.tasks();
    if (on.isEmpty()) {
      return false;
    }
    if (w.all()) {
      for (TaskState u : on) {
        if (d.get(u.id())) {
          return true;
        }
      }
      return false;
    }
    for (TaskState u : on) {
      if (!d.get(u.id())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The strongly connected components of the stuck tasks that contain a cycle (more than one task,
   * or a task waiting for itself), each sorted by task id, in order of their smallest id.
   */
  List<BitSet> cycles(BitSet stuck) {
    Tarjan t = new Tarjan(stuck);
    for (int v = stuck.nextSetBit(0); v >= 0; v = stuck.nextSetBit(v + 1)) {
      if (t.index.get(v) == null) {
        t.connect(v);
      }
    }
    List<BitSet> result = new ArrayList<>();
    for (BitSet scc : t.components) {
      int only = scc.nextSetBit(0);
      if (scc.cardinality() > 1 || successors(only, stuck).get(only)) {
        result.add(scc);
      }
    }
    result.sort((a, b) -> Integer.compare(a.nextSetBit(0), b.nextSetBit(0)));
    return result;
  }

  private BitSet successors(int v, BitSet stuck) {
    BitSet s = new BitSet();
    for (TaskState u : waits.get(v).tasks()) {
      if (stuck.get(u.id())) {
        s.set(u.id());
      }
    }
    return s;
  }

  /** Tarjan's strongly connected components over the stuck tasks. */
  private final class Tarjan {
    final BitSet nodes;
    final Map<Integer, Integer> index = new TreeMap<>();
    final Map<Integer, Integer> low = new TreeMap<>();
    final List<Integer> stack = new ArrayList<>();
    final BitSet onStack = new BitSet();
    final List<BitSet> components = new ArrayList<>();
    int counter;

    Tarjan(BitSet nodes) {
      this.nodes = nodes;
    }

    void connect(int v) {
      index.put(v, counter);
      low.put(v, counter);
      counter++;
      stack.add(v);
      onStack.set(v);
      BitSet succ = successors(v, nodes);
      for (int w = succ.nextSetBit(0); w >= 0; w = succ.nextSetBit(w + 1)) {
        if (index.get(w) == null) {
          connect(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.get(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        BitSet scc = new BitSet();
        int w;
        do {
          w = stack.remove(stack.size() - 1);
          onStack.clear(w);
          scc.set(w);
        } while (w != v);
        components.add(scc);
      }
    }
  }
}
