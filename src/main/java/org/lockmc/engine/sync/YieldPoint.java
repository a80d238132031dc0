package org.lockmc.engine.sync;

/**
 * A voluntary scheduling point: {@code cond_resched()}, {@code schedule_timeout()}, {@code
 * msleep()}. The scheduler is fair to tasks that yield, as CHESS's fair stateless model checking
 * is: a task that yielded does not run again before every task that was enabled when it yielded
 * has run or blocked. A loop that waits for another task must therefore yield, as kernel code
 * must; a loop that still runs past its step bound is a livelock.
 */
public final class YieldPoint extends SyncObject {

  /** A yield; {@code what} is the kernel call it stands for. */
  public record Yield(YieldPoint object, String what) implements Op {
    @Override
    public String describe() {
      return what;
    }

    @Override
    public boolean mightSleep() {
      return !what.startsWith("cond_resched");
    }
  }

  public YieldPoint() {
    super("scheduler");
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return true;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    return Step.done();
  }
}
