package org.lockmc.engine.dpor;

import java.util.BitSet;

/**
 * One choice point on the exploration stack: a scheduling decision (which task runs) or a data
 * choice (which value {@code Kernel.choose} returns).
 *
 * <p>For a scheduling node: {@link #enabled} are the tasks that could run, {@link #backtrack} the
 * tasks that must be tried here, {@link #done} the tasks already tried, {@link #sleep} the tasks
 * whose next step is known to lead only to explored behaviour. Invariant: {@code chosen} is in
 * {@code done}, and {@code done} is a subset of {@code enabled}.
 */
final class Node {
  final boolean data;
  final int choices;
  int value;

  final BitSet enabled;
  final BitSet backtrack = new BitSet();
  final BitSet done = new BitSet();
  final BitSet sleep;
  int chosen = -1;
  /** The chosen task's operation, to detect a model that does not replay deterministically. */
  String chosenOp;

  private Node(boolean data, int choices, BitSet enabled, BitSet sleep) {
    this.data = data;
    this.choices = choices;
    this.enabled = enabled;
    this.sleep = sleep;
  }

  static Node schedule(BitSet enabled, BitSet sleep) {
    return new Node(false, 0, enabled, sleep);
  }

  static Node data(int choices) {
    return new Node(true, choices, new BitSet(), new BitSet());
  }

  /** The lowest task still to try here, or -1. */
  int nextCandidate() {
    BitSet c = (BitSet) backtrack.clone();
    c.andNot(done);
    c.andNot(sleep);
    c.and(enabled);
    return c.nextSetBit(0);
  }
}
