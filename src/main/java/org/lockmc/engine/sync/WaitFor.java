package org.lockmc.engine.sync;

import java.util.List;

/**
 * An edge set of the wait-for graph: whom a blocked task waits for, and why.
 *
 * <p>With {@link #all()} the task needs every listed task to act (a writer waiting for all
 * readers to drain, a task waiting for a mutex owner); a cycle through any one of them is a
 * deadlock. Without it, any one of them could release the task (memory held by several tasks),
 * so it is stuck only when all of them are. An empty list means an event any task could produce.
 */
public final class WaitFor {
  private final List<TaskState> tasks;
  private final boolean all;
  private final String reason;

  private WaitFor(List<TaskState> tasks, boolean all, String reason) {
    this.tasks = List.copyOf(tasks);
    this.all = all;
    this.reason = reason;
  }

  /** The task needs each of {@code tasks} to act. */
  public static WaitFor allOf(List<TaskState> tasks, String reason) {
    return new WaitFor(tasks, true, reason);
  }

  /** The task needs {@code task} to act. */
  public static WaitFor on(TaskState task, String reason) {
    return new WaitFor(List.of(task), true, reason);
  }

  /** Any one of {@code tasks} could release the task. */
  public static WaitFor anyOf(List<TaskState> tasks, String reason) {
    return new WaitFor(tasks, false, reason);
  }

  /** The task waits for an event no particular task owns (a wake-up, a completion). */
  public static WaitFor event(String reason) {
    return new WaitFor(List.of(), true, reason);
  }

  public List<TaskState> tasks() {
    return tasks;
  }

  public boolean all() {
    return all;
  }

  /** One line for traces: {@code mutex ksm_thread_mutex held by ksmd}. */
  public String reason() {
    return reason;
  }
}
