package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drives primitive states directly, step by step, the way the scheduler does, for table-driven
 * tests of blocking rules: an operation either runs (returning its result), or blocks (it, or the
 * continuation it leaves, is not enabled) and stays pending until {@link #resume}.
 */
final class Scenario implements World {
  private final Map<String, TaskState> tasks = new LinkedHashMap<>();
  private final Map<String, Op> pending = new LinkedHashMap<>();
  final List<String> violations = new ArrayList<>();
  private final Semantics semantics;

  Scenario(Semantics semantics) {
    this.semantics = semantics;
  }

  Scenario() {
    this(Semantics.KERNEL);
  }

  TaskState task(String name) {
    return tasks.computeIfAbsent(name, n -> new TaskState(tasks.size(), n));
  }

  /** The outcome of a step: "blocks", "violation", or the result ("ok" for 0, "true" for 1...). */
  String run(String taskName, Op op) {
    if (pending.containsKey(taskName)) {
      throw new IllegalStateException(taskName + " is blocked in " + pending.get(taskName).describe());
    }
    return drive(taskName, op);
  }

  /** Tries again the operation {@code taskName} is blocked in. */
  String resume(String taskName) {
    Op op = pending.remove(taskName);
    if (op == null) {
      throw new IllegalStateException(taskName + " is not blocked");
    }
    return drive(taskName, op);
  }

  private String drive(String taskName, Op op) {
    TaskState t = task(taskName);
    int before = violations.size();
    for (;;) {
      if (!op.object().enabled(op, t, this)) {
        pending.put(taskName, op);
        return "blocks";
      }
      Step s = op.object().perform(op, t, this);
      if (s.complete()) {
        if (violations.size() > before) {
          return "violation";
        }
        return s.result() == 0 ? "ok" : s.result() == 1 ? "true" : Long.toString(s.result());
      }
      op = s.next();
    }
  }

  /** Whom a blocked task waits for. */
  WaitFor waitFor(String taskName) {
    Op op = pending.get(taskName);
    return op.object().waitFor(op, task(taskName));
  }

  boolean blocked(String taskName) {
    return pending.containsKey(taskName);
  }

  @Override
  public void violation(TaskState task, String message) {
    violations.add(task.name() + ": " + message);
  }

  @Override
  public Semantics semantics() {
    return semantics;
  }

  @Override
  public TaskState spawn(TaskState parent, String name, Runnable body) {
    throw new UnsupportedOperationException("no tasks are spawned in rule tables");
  }
}
