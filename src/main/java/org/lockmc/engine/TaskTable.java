package org.lockmc.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The tasks of one execution: looked up by stable id (ids need not be consecutive, another
 * execution may have started other tasks), iterated in id order, and unwound when the execution
 * ends.
 */
final class TaskTable {
  private final List<TaskControl> tasks = new ArrayList<>();
  private TaskControl[] byId = new TaskControl[8];

  void add(TaskControl t) {
    if (t.id >= byId.length) {
      byId = Arrays.copyOf(byId, Math.max(t.id + 1, byId.length * 2));
    }
    byId[t.id] = t;
    int at = tasks.size();
    while (at > 0 && tasks.get(at - 1).id > t.id) {
      at--;
    }
    tasks.add(at, t);
  }

  TaskControl get(int id) {
    return byId[id];
  }

  /** The tasks in id order. */
  List<TaskControl> all() {
    return tasks;
  }

  /** Whether a task of this execution already has {@code name}. */
  boolean nameTaken(String name) {
    for (TaskControl t : tasks) {
      if (t.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /** Lets every parked task thread unwind, and waits for all of them to end. */
  void abortAll() {
    for (TaskControl t : tasks) {
      if (t.handle != null) {
        t.abort();
      }
    }
    for (TaskControl t : tasks) {
      if (t.handle == null) {
        continue;
      }
      try {
        if (!t.handle.await(10_000)) {
          throw new IllegalStateException("task " + t.name() + " did not stop after its execution"
              + " ended: its code loops without calling any kernel primitive or touching shared"
              + " fields");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while ending an execution", e);
      }
    }
  }
}
