package org.lockmc.kernel;

import java.util.function.BooleanSupplier;
import org.lockmc.engine.sync.WaitQueueState;
import org.lockmc.engine.sync.WaitQueueState.Kind;
import org.lockmc.engine.sync.WaitQueueState.WaitQueueOp;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * {@code wait_queue_head_t} ({@code DECLARE_WAIT_QUEUE_HEAD(name)}) with {@code wait_event} and
 * {@code wake_up}. A waiter re-checks its condition only when woken: set the condition, then wake
 * up, or the waiter may sleep forever.
 */
public final class WaitQueue {
  private final WaitQueueState state;
  private final WaitQueueOp prepare;
  private final WaitQueueOp schedule;
  private final WaitQueueOp scheduleInterruptible;
  private final WaitQueueOp finish;
  private final WaitQueueOp wakeUp;

  public WaitQueue(String name) {
    state = new WaitQueueState(name);
    prepare = new WaitQueueOp(state, Kind.PREPARE, false);
    schedule = new WaitQueueOp(state, Kind.SCHEDULE, false);
    scheduleInterruptible = new WaitQueueOp(state, Kind.SCHEDULE, true);
    finish = new WaitQueueOp(state, Kind.FINISH, false);
    wakeUp = new WaitQueueOp(state, Kind.WAKE_UP, false);
  }

  /**
   * {@code wait_event(wq, condition)}: returns when {@code condition} holds; sleeps
   * uninterruptibly between checks. The condition is model code (its field reads are scheduling
   * points), evaluated as {@code ___wait_event} does: once, then after each wake-up.
   */
  public void waitEvent(BooleanSupplier condition) {
    waitEvent(condition, schedule);
  }

  /**
   * {@code wait_event_interruptible(wq, condition)}: as {@link #waitEvent} but a fatal signal
   * also ends the sleep. Returns {@code false} when interrupted ({@code -ERESTARTSYS}).
   */
  public boolean waitEventInterruptible(BooleanSupplier condition) {
    return waitEvent(condition, scheduleInterruptible);
  }

  private boolean waitEvent(BooleanSupplier condition, WaitQueueOp sleep) {
    if (condition.getAsBoolean()) {
      return true;
    }
    TaskRuntime rt = ModelRuntime.current();
    boolean met;
    for (;;) {
      rt.perform(prepare);
      met = condition.getAsBoolean();
      if (met || (sleep.interruptible() && rt.task().fatalSignalPending())) {
        break;
      }
      rt.perform(sleep);
    }
    rt.perform(finish);
    return met;
  }

  /** {@code wake_up()}: wakes every task sleeping on the queue. */
  public void wakeUp() {
    ModelRuntime.current().perform(wakeUp);
  }

  public String name() {
    return state.name();
  }
}
