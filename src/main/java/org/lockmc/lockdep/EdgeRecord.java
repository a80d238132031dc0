package org.lockmc.lockdep;

import java.util.List;

/**
 * Where a dependency was first recorded, which lockdep keeps as a stack trace: the task, the
 * operation and model line of the acquisition, and the locks the task held then (outermost first;
 * the acquisition itself is not among them).
 *
 * @param task the task's name
 * @param pid the task's stable id plus one, printed as lockdep prints a pid
 * @param op the operation, as a trace prints it ({@code down_read(&mm->mmap_sem)})
 * @param site its model source line, or {@code ?}
 * @param read the read level of the acquisition
 * @param sync whether it was a {@code lock_sync()} ({@code synchronize_srcu})
 * @param held the held-lock stack before the acquisition
 * @param execution the 1-based execution in which it was recorded
 */
public record EdgeRecord(String task, int pid, String op, String site, int read, boolean sync,
    List<HeldLock> held, long execution) {

  public EdgeRecord {
    held = List.copyOf(held);
  }

  /** {@code task/pid}, as lockdep names a task. */
  public String taskId() {
    return task + "/" + pid;
  }

  /** The held entry of {@code c} (the innermost one), or null. */
  public HeldLock heldOf(LockClass c) {
    for (int i = held.size() - 1; i >= 0; i--) {
      if (held.get(i).lockClass().equals(c)) {
        return held.get(i);
      }
    }
    return null;
  }
}
