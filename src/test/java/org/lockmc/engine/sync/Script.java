package org.lockmc.engine.sync;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives primitive states directly, without threads or a scheduler: tasks A, B, C (and any task
 * spawned) perform operations one at a time, and a blocked operation is kept as the task's
 * pending continuation. Tables of blocking rules are written against it.
 */
final class Script implements World {
  final TaskState a = new TaskState(0, "A");
  final TaskState b = new TaskState(1, "B");
  final TaskState c = new TaskState(2, "C");
  final List<String> violations = new ArrayList<>();
  final List<TaskState> spawned = new ArrayList<>();
  TaskState stoppedBy;
  private final Map<TaskState, Op> pending = new HashMap<>();
  private int nextId = 3;

  /** Performs {@code op} for {@code t} (it must be enabled); returns its result, 0 if it waits. */
  long run(TaskState t, Op op) {
    assertTrue(op.object().enabled(op, t, this), t + " cannot perform " + op.describe());
    Step s = op.object().perform(op, t, this);
    if (s.complete()) {
      pending.remove(t);
      return s.result();
    }
    pending.put(t, s.next());
    return 0;
  }

  /** Performs {@code t}'s pending continuation (it must be enabled). */
  long resume(TaskState t) {
    return run(t, pending(t));
  }

  /** The continuation {@code t} waits on, or null. */
  Op pending(TaskState t) {
    return pending.get(t);
  }

  boolean enabled(TaskState t, Op op) {
    return op.object().enabled(op, t, this);
  }

  /** The names of the tasks {@code t} waits for in {@code op}. */
  List<String> waitsFor(TaskState t, Op op) {
    List<String> names = new ArrayList<>();
    for (TaskState u : op.object().waitFor(op, t).tasks()) {
      names.add(u.name());
    }
    return names;
  }

  @Override
  public void violation(TaskState task, String message) {
    violations.add(task.name() + ": " + message);
  }

  @Override
  public Semantics semantics() {
    return Semantics.KERNEL;
  }

  @Override
  public TaskState spawn(TaskState parent, String name, Runnable body) {
    TaskState t = new TaskState(nextId++, name);
    spawned.add(t);
    return t;
  }

  @Override
  public List<TaskState> tasksInAtomic() {
    List<TaskState> out = new ArrayList<>();
    for (TaskState t : List.of(a, b, c)) {
      if (t.inAtomic()) {
        out.add(t);
      }
    }
    return out;
  }

  @Override
  public void stopMachine(TaskState by) {
    stoppedBy = by;
  }

  @Override
  public void restartMachine(TaskState by) {
    stoppedBy = null;
  }
}
