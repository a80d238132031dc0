package org.lockmc.engine.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code wait_queue_head_t}: tasks sleep on it until a {@code wake_up}.
 *
 * <p>{@code wait_event(wq, cond)} is three steps, as in {@code ___wait_event}: {@code
 * prepare_to_wait} puts the task on the queue, the task re-checks its condition, and {@code
 * schedule()} sleeps until a wake-up has taken it off the queue (autoremove). A task therefore
 * re-checks its condition only when woken, and a wake-up that came before {@code
 * prepare_to_wait} is lost: without a later one the waiter sleeps forever.
 */
public final class WaitQueueState extends SyncObject {
  /** Tasks that called prepare_to_wait, and whether a wake-up has since taken them off. */
  private final Map<TaskState, Boolean> entries = new LinkedHashMap<>();

  /** The wait queue operations. */
  public enum Kind {
    PREPARE,
    SCHEDULE,
    FINISH,
    WAKE_UP
  }

  /** One wait queue operation; {@code interruptible} lets a fatal signal end the sleep. */
  public record WaitQueueOp(WaitQueueState object, Kind kind, boolean interruptible) implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case PREPARE:
          return "prepare_to_wait(" + n + ")";
        case SCHEDULE:
          return "schedule() [on " + n + "]";
        case FINISH:
          return "finish_wait(" + n + ")";
        default:
          return "wake_up(" + n + ")";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.SCHEDULE;
    }
  }

  public WaitQueueState(String name) {
    super(name);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    WaitQueueOp w = (WaitQueueOp) op;
    if (w.kind() != Kind.SCHEDULE) {
      return true;
    }
    Boolean woken = entries.get(task);
    return woken == null || woken || task.kicked()
        || (w.interruptible() && task.fatalSignalPending());
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    switch (((WaitQueueOp) op).kind()) {
      case PREPARE:
        entries.put(task, Boolean.FALSE);
        task.clearKick();
        return Step.done();
      case SCHEDULE:
        task.clearKick();
        return Step.done();
      case FINISH:
        entries.remove(task);
        return Step.done();
      default:
        entries.replaceAll((t, woken) -> Boolean.TRUE);
        return Step.done();
    }
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    return WaitFor.event("sleeping on wait queue " + name() + " until a wake_up(" + name() + ")");
  }
}
