package org.lockmc.engine;

import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskState;

/**
 * One performed operation of an execution: the unit DPOR reasons about.
 *
 * @param index position in the execution (0-based)
 * @param task the performing task's id
 * @param op the operation
 * @param global whether the event is dependent with every other event (yields, and the first
 *     operation after a yield, whose enabledness depends on every other task's progress)
 * @param site the model source line, when sites are captured (replays for reports), else null
 * @param forced whether the event was performed without a scheduling decision (a task's exit,
 *     right after its last operation)
 * @param spawned the id of the task this event started, or -1; the new task's events happen
 *     after it
 */
public record Event(int index, int task, Op op, boolean global, String site, boolean forced,
    int spawned) {

  /** Whether two operations of two tasks may not commute. */
  public static boolean dependent(int taskA, Op a, boolean globalA, int taskB, Op b, boolean globalB) {
    if (taskA == taskB || globalA || globalB) {
      return true;
    }
    TaskState affA = a.affects();
    if (affA != null && affA.id() == taskB) {
      return true;
    }
    TaskState affB = b.affects();
    if (affB != null && affB.id() == taskA) {
      return true;
    }
    return a.object() == b.object() && a.object().dependent(a, b);
  }

  /** Whether this event and {@code other} may not commute. */
  public boolean dependent(Event other) {
    return dependent(task, op, global, other.task, other.op, other.global);
  }
}
