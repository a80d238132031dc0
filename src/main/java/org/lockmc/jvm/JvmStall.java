package org.lockmc.jvm;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.engine.sync.WaitFor;
import org.lockmc.model.Verdict;

/**
 * A run on the plain JVM in which every live task waits and nothing can wake any of them: the
 * blocked tasks with their waits, and whether the waits form a cycle ({@code DEADLOCK}) or not
 * ({@code HANG}). Immutable text, built under the world's monitor when the stall is seen.
 */
final class JvmStall {
  private final Verdict kind;
  private final List<String> lines;

  private JvmStall(Verdict kind, List<String> lines) {
    this.kind = kind;
    this.lines = List.copyOf(lines);
  }

  /** {@link Verdict#DEADLOCK} or {@link Verdict#HANG}. */
  Verdict kind() {
    return kind;
  }

  /** One line per blocked task: {@code A: mutex_lock(b) -- mutex b held by B; holds a}. */
  List<String> lines() {
    return lines;
  }

  static JvmStall of(List<JvmTaskRuntime> blocked) {
    List<TaskState> tasks = new ArrayList<>();
    List<WaitFor> waits = new ArrayList<>();
    List<String> lines = new ArrayList<>();
    for (JvmTaskRuntime t : blocked) {
      Op op = t.blockedOn();
      WaitFor w = op.object().waitFor(op, t.task());
      tasks.add(t.task());
      waits.add(w);
      List<TaskState.Held> held = t.task().held();
      lines.add(t.task().name() + ": " + op.describe() + " -- " + w.reason()
          + (held.isEmpty() ? "" : "; holds " + heldText(held)));
    }
    return new JvmStall(hasCycle(tasks, waits) ? Verdict.DEADLOCK : Verdict.HANG, lines);
  }

  private static String heldText(List<TaskState.Held> held) {
    StringBuilder b = new StringBuilder();
    for (TaskState.Held h : held) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(h);
    }
    return b.toString();
  }

  /**
   * Whether some blocked tasks wait for each other (or one for itself). A task waiting for any
   * one of several tasks takes part in a cycle only through all of them, as in the engine's
   * wait-for graph; a task waiting for an event nobody owns takes part in none.
   */
  static boolean hasCycle(List<TaskState> tasks, List<WaitFor> waits) {
    // greatest fixpoint: a task is stuck if its wait is justified by stuck tasks
    boolean[] stuck = new boolean[tasks.size()];
    java.util.Arrays.fill(stuck, true);
    boolean changed = true;
    while (changed) {
      changed = false;
      for (int i = 0; i < tasks.size(); i++) {
        if (stuck[i] && !justified(waits.get(i), tasks, stuck)) {
          stuck[i] = false;
          changed = true;
        }
      }
    }
    for (boolean s : stuck) {
      if (s) {
        return true;
      }
    }
    return false;
  }

  private static boolean justified(WaitFor w, List<TaskState> tasks, boolean[] stuck) {
    if (w.tasks().isEmpty()) {
      return false;
    }
    for (TaskState u : w.tasks()) {
      int j = tasks.indexOf(u);
      boolean s = j >= 0 && stuck[j];
      if (w.all() && s) {
        return true;
      }
      if (!w.all() && !s) {
        return false;
      }
    }
    return !w.all();
  }
}
