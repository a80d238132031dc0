package org.lockmc.engine.dpor;

import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.lockmc.engine.Event;
import org.lockmc.engine.sync.SyncObject;
import org.lockmc.engine.sync.TaskState;

/**
 * Where to look for the earlier events an event may depend on, so that DPOR does not rescan the
 * whole execution for every new event. An event can only be dependent with events on the same
 * object, with global events, with events that affect its task, and (when it affects a task) with
 * that task's events; a global event may depend on anything.
 *
 * <p>Invariant: every event of the current execution is indexed under its object, its task, and,
 * where applicable, as global or as affecting a task; {@link #candidates} is a superset of the
 * earlier events of other tasks dependent with the given one.
 */
final class EventIndex {
  private final Map<SyncObject, BitSet> byObject = new IdentityHashMap<>();
  private final Map<Integer, BitSet> byTask = new HashMap<>();
  private final Map<Integer, BitSet> affecting = new HashMap<>();
  private final BitSet globals = new BitSet();
  private int size;

  void clear() {
    byObject.clear();
    byTask.clear();
    affecting.clear();
    globals.clear();
    size = 0;
  }

  /** Indexes the event at position {@code index} (events are added in order). */
  void add(int index, Event e) {
    byObject.computeIfAbsent(e.op().object(), o -> new BitSet()).set(index);
    byTask.computeIfAbsent(e.task(), t -> new BitSet()).set(index);
    if (e.global()) {
      globals.set(index);
    }
    TaskState affected = e.op().affects();
    if (affected != null) {
      affecting.computeIfAbsent(affected.id(), t -> new BitSet()).set(index);
    }
    size = index + 1;
  }

  /**
   * The earlier events of other tasks that may be dependent with {@code e}, in increasing order.
   * A task's own earlier events are left out: program order already places them before {@code
   * e}, so they neither race with it nor add to its clock (without this, a task looping over a
   * field would rescan all its own accesses at every access).
   */
  BitSet candidates(Event e) {
    BitSet c = new BitSet();
    if (e.global()) {
      c.set(0, size);
    } else {
      or(c, byObject.get(e.op().object()));
      c.or(globals);
      or(c, affecting.get(e.task()));
      TaskState affected = e.op().affects();
      if (affected != null) {
        or(c, byTask.get(affected.id()));
      }
    }
    BitSet own = byTask.get(e.task());
    if (own != null) {
      c.andNot(own);
    }
    return c;
  }

  private static void or(BitSet into, BitSet from) {
    if (from != null) {
      into.or(from);
    }
  }
}
