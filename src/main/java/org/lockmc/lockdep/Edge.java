package org.lockmc.lockdep;

import java.util.BitSet;

/**
 * One dependency of the class graph, {@code from -> to} (lockdep's {@code struct lock_list}):
 * {@code to} was acquired while {@code from} was held. It keeps the mask of {@link Dep} kinds
 * recorded and the first recording, as lockdep keeps the first stack trace; and, beyond what
 * lockdep keeps, the classes held exclusively at <em>every</em> recording and the tasks that
 * recorded it, which the classification uses to name what prevents a deadlock.
 *
 * <p>Only {@link DependencyGraph} changes an edge; edges are never removed.
 */
public final class Edge {
  private final LockClass from;
  private final LockClass to;
  private final int index;
  private final EdgeRecord first;
  private int mask;
  private final BitSet heldThroughout;
  private final BitSet tasks = new BitSet();

  Edge(LockClass from, LockClass to, int index, EdgeRecord first, BitSet heldExclusive) {
    this.from = from;
    this.to = to;
    this.index = index;
    this.first = first;
    this.heldThroughout = (BitSet) heldExclusive.clone();
  }

  public LockClass from() {
    return from;
  }

  public LockClass to() {
    return to;
  }

  /** Creation order among all edges of the graph. */
  public int index() {
    return index;
  }

  /** The {@link Dep} kinds recorded, as a bit mask. */
  public int mask() {
    return mask;
  }

  public boolean has(int bit) {
    return (mask & (1 << bit)) != 0;
  }

  /** Where the edge was first recorded. */
  public EdgeRecord first() {
    return first;
  }

  /** Ids of the classes held exclusively at every recording of this edge. */
  public BitSet heldThroughout() {
    return (BitSet) heldThroughout.clone();
  }

  /** Ids of the tasks that recorded this edge. */
  public BitSet tasks() {
    return (BitSet) tasks.clone();
  }

  void add(int bit) {
    mask |= 1 << bit;
  }

  /** One more recording by task {@code task}, holding {@code heldExclusive} exclusively. */
  void observe(int task, BitSet heldExclusive) {
    tasks.set(task);
    if (!heldThroughout.isEmpty()) {
      heldThroughout.and(heldExclusive);
    }
  }

  @Override
  public String toString() {
    return from + " -> " + to + " (" + Dep.names(mask) + ")";
  }
}
