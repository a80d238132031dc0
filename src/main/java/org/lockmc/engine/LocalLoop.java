package org.lockmc.engine;

import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.Step;
import org.lockmc.engine.sync.SyncObject;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.engine.sync.World;
import org.lockmc.engine.sync.WaitFor;

/**
 * Where a task that loops without any kernel operation or shared access is frozen: its pending
 * operation, which never becomes enabled. Such a loop can never observe another task, so it
 * never ends; it is reported as a livelock.
 */
final class LocalLoop extends SyncObject {

  /** The task is spinning in a loop that touches nothing shared. */
  record Spin(LocalLoop object, long iterations) implements Op {
    @Override
    public String describe() {
      return "a loop with no kernel operation or shared access (" + iterations + " iterations)";
    }
  }

  LocalLoop(String task) {
    super("local loop of " + task);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return false;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    throw new IllegalStateException("a local loop is never performed");
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    return WaitFor.event("spins in a loop that touches nothing shared");
  }
}
