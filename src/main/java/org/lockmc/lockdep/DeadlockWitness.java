package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A deadlock the explorer reached, seen through lockdep's eyes: for each task of the wait-for
 * cycle, the lock classes on its lockdep held stack and the class it is acquiring, if lockdep
 * sees that wait at all. The classification matches these against lockdep's cycles.
 *
 * @param key the finding's key ({@code DEADLOCK[A, B]})
 * @param summary the finding's one-line summary
 * @param execution the 1-based execution in which this witness was seen
 * @param waits one per task of the cycle
 */
public record DeadlockWitness(String key, String summary, long execution, List<TaskWait> waits) {

  public DeadlockWitness {
    waits = List.copyOf(waits);
  }

  /**
   * How one task of the deadlock waits.
   *
   * @param task the task
   * @param op the operation it is blocked in
   * @param reason whom it waits for and why (the engine's text)
   * @param awaited the class lockdep saw it acquire for this wait, or null when lockdep does not
   *     see the wait (bit waits, completions, wait queues, task exit, memory)
   * @param held the classes on its lockdep held stack, outermost first, the awaited one excluded
   */
  public record TaskWait(String task, String op, String reason, String awaited,
      List<String> held) {
    public TaskWait {
      held = List.copyOf(held);
    }
  }

  /** Every class held or awaited by the deadlocked tasks. */
  public Set<String> classes() {
    Set<String> s = new LinkedHashSet<>();
    for (TaskWait w : waits) {
      s.addAll(w.held());
      if (w.awaited() != null) {
        s.add(w.awaited());
      }
    }
    return s;
  }

  /**
   * Whether this deadlock is one through the classes {@code names}: its tasks hold or await every
   * one of them, and at least one task waits to acquire one of them (so a deadlock that merely
   * happens while those locks are held, waiting on something else, does not count).
   */
  public boolean covers(Collection<String> names) {
    if (!classes().containsAll(names)) {
      return false;
    }
    for (TaskWait w : waits) {
      if (w.awaited() != null && names.contains(w.awaited())) {
        return true;
      }
    }
    return false;
  }

  /** Whether some task holds {@code name} and waits to acquire it again. */
  public boolean coversRecursion(String name) {
    for (TaskWait w : waits) {
      if (name.equals(w.awaited()) && w.held().contains(name)) {
        return true;
      }
    }
    return false;
  }

  /** The waits lockdep cannot see. */
  public List<TaskWait> invisibleWaits() {
    List<TaskWait> out = new ArrayList<>();
    for (TaskWait w : waits) {
      if (w.awaited() == null) {
        out.add(w);
      }
    }
    return out;
  }
}
