package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lockmc.engine.sync.SyncObject;

/**
 * Lockdep's class dependency graph for one exploration: the lock classes in first-seen order,
 * the edges ({@code locks_after}) in creation order, how each class was used, and the ordered
 * list of first recordings ({@link DepEvent}) that the cycle search replays.
 *
 * <p>Invariants: classes and edges are only ever added; an edge's kinds only grow; the order of
 * everything is the order of recording, so the graph of a given exploration is deterministic.
 * Only the {@link LockdepRecorder} of the exploration mutates it, one call at a time.
 */
public final class DependencyGraph {
  private final List<LockClass> classes = new ArrayList<>();
  private final Map<String, LockClass[]> byName = new HashMap<>();
  private final List<List<Edge>> after = new ArrayList<>();
  private final List<Edge> edges = new ArrayList<>();
  private final List<DepEvent> events = new ArrayList<>();
  private final Set<Long> checkedOnly = new HashSet<>();
  private final BitSet exclusive = new BitSet();
  private final BitSet shared = new BitSet();
  private final BitSet recursiveRead = new BitSet();
  private final BitSet synced = new BitSet();
  private final List<String> taskNames = new ArrayList<>();

  /** The class of {@code lock} with {@code subclass}, registered on first sight. */
  LockClass classOf(SyncObject lock, int subclass) {
    LockClass[] subs = byName.get(lock.name());
    if (subs == null) {
      subs = new LockClass[8];
      byName.put(lock.name(), subs);
    }
    LockClass c = subs[subclass];
    if (c == null) {
      c = new LockClass(classes.size(), lock.name(), subclass, LockClass.waitTypeOf(lock));
      subs[subclass] = c;
      classes.add(c);
      after.add(new ArrayList<>());
    }
    return c;
  }

  /** Notes a validated use of {@code c}: an acquisition with {@code read}, or a sync. */
  void used(LockClass c, int read, boolean sync) {
    if (sync) {
      synced.set(c.id());
    } else if (read == 0) {
      exclusive.set(c.id());
    } else {
      shared.set(c.id());
      if (read == 2) {
        recursiveRead.set(c.id());
      }
    }
  }

  void task(int id, String name) {
    while (taskNames.size() <= id) {
      taskNames.add(null);
    }
    if (taskNames.get(id) == null) {
      taskNames.set(id, name);
    }
  }

  /** The edge {@code from -> to}, or null. */
  public Edge edge(LockClass from, LockClass to) {
    for (Edge e : after.get(from.id())) {
      if (e.to() == to) {
        return e;
      }
    }
    return null;
  }

  /**
   * Adds kind {@code bit} to {@code from -> to} (creating the edge), first recorded as {@code
   * record}; the caller has checked that the edge does not have the kind yet.
   */
  Edge add(LockClass from, LockClass to, int bit, EdgeRecord record, BitSet heldExclusive) {
    Edge e = edge(from, to);
    if (e == null) {
      e = new Edge(from, to, edges.size(), record, heldExclusive);
      edges.add(e);
      after.get(from.id()).add(e);
    }
    e.add(bit);
    events.add(new DepEvent(from, to, bit, record, e));
    return e;
  }

  /** Whether the checked-only dependency {@code from -> to} of kind {@code bit} was seen. */
  boolean checkedOnlySeen(LockClass from, LockClass to, int bit) {
    return checkedOnly.contains(key(from, to, bit));
  }

  /** A dependency the rules validate but do not store (pre-5.10 read-2 acquisitions). */
  void checkOnly(LockClass from, LockClass to, int bit, EdgeRecord record) {
    checkedOnly.add(key(from, to, bit));
    events.add(new DepEvent(from, to, bit, record, null));
  }

  private static long key(LockClass from, LockClass to, int bit) {
    return ((long) from.id() << 34) | ((long) to.id() << 2) | bit;
  }

  /** Every class, in first-seen order (index = id). */
  public List<LockClass> classes() {
    return Collections.unmodifiableList(classes);
  }

  /** The class named {@code displayName} ({@code name} or {@code name/N}), or null. */
  public LockClass find(String displayName) {
    for (LockClass c : classes) {
      if (c.displayName().equals(displayName)) {
        return c;
      }
    }
    return null;
  }

  /** Every edge, in creation order. */
  public List<Edge> edges() {
    return Collections.unmodifiableList(edges);
  }

  /** The edges out of {@code c}, in creation order. */
  public List<Edge> after(LockClass c) {
    return Collections.unmodifiableList(after.get(c.id()));
  }

  /** The first recording of every dependency kind, in recording order. */
  public List<DepEvent> events() {
    return Collections.unmodifiableList(events);
  }

  /** Whether {@code c} was ever acquired exclusively, or synced ({@code synchronize_srcu}). */
  public boolean everExclusive(LockClass c) {
    return exclusive.get(c.id()) || synced.get(c.id());
  }

  /** Whether {@code c} was ever acquired as a recursive reader ({@code read == 2}). */
  public boolean everRecursiveRead(LockClass c) {
    return recursiveRead.get(c.id());
  }

  /**
   * Lockdep's usage characters for {@code c}: every acquisition here is in process context with
   * interrupts enabled, so {@code +} in the write columns when it was taken exclusively and in the
   * read columns when it was taken shared; {@code {....}} when it was never validated.
   */
  public String usage(LockClass c) {
    char w = exclusive.get(c.id()) ? '+' : '.';
    char r = shared.get(c.id()) ? '+' : '.';
    return "{" + w + r + w + r + "}";
  }

  /** The name of task {@code id}, as first seen. */
  public String taskName(int id) {
    String name = id < taskNames.size() ? taskNames.get(id) : null;
    return name == null ? "task" + id : name;
  }
}
