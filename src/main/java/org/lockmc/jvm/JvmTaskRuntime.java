package org.lockmc.jvm;

import java.util.Random;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.engine.sync.YieldPoint;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * One task of a {@link MonitorWorld} run: the body of its real thread, and the {@link
 * TaskRuntime} its code reaches through {@link ModelRuntime}.
 *
 * <p>What each request becomes on a real JVM: a primitive operation is performed under the
 * world's monitor (waiting there while it is not enabled); field accesses are plain accesses
 * (no-ops here: the JVM, or JPF, interleaves them itself); a yield point is {@link Thread#yield};
 * a data choice is {@code new Random().nextInt(n)}, which JPF with {@code cg.enumerate_random}
 * turns into a choice over every value; a failed check or a misuse ends the task with an {@link
 * AssertionError}, as a kernel {@code BUG()} ends a task.
 *
 * <p>Invariant: {@link #blockedOn} and {@link #exited} are read and written only under the
 * world's monitor.
 */
final class JvmTaskRuntime implements TaskRuntime, Runnable {
  private final MonitorWorld world;
  private final TaskState state;
  private final Runnable body;
  private Op blockedOn;
  private boolean exited;
  /** The first misuse a primitive reported for this task, not yet thrown. */
  private String violation;
  /** The failure this runtime threw after recording it (not to be recorded twice). */
  private Throwable recorded;

  JvmTaskRuntime(MonitorWorld world, TaskState state, Runnable body) {
    this.world = world;
    this.state = state;
    this.body = body;
  }

  @Override
  public void run() {
    ModelRuntime.bind(this);
    Throwable failure = null;
    try {
      body.run();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
    if (failure != null && failure != recorded) {
      world.failed(state, JvmFailures.describe(failure));
    }
    world.exited(this, failure != null);
    ModelRuntime.unbind();
    if (failure == null && violation != null) {
      // a lock held at exit: the violation was recorded by exited()
      failure = new AssertionError(violation);
    }
    if (failure != null && world.rethrowFailures()) {
      throw JvmFailures.unchecked(failure);
    }
  }

  // ---- state the world reads under its monitor ---------------------------------------------

  /** The operation the task waits for, or null while it is not blocked. */
  Op blockedOn() {
    return blockedOn;
  }

  void block(Op op) {
    blockedOn = op;
  }

  void unblock() {
    blockedOn = null;
  }

  boolean exited() {
    return exited;
  }

  void markExited() {
    exited = true;
  }

  /** A primitive reported a misuse by this task; it is thrown when the operation completes. */
  void violated(String message) {
    if (violation == null) {
      violation = message;
    }
  }

  private void throwPendingViolation() {
    if (violation != null) {
      AssertionError e = new AssertionError(violation);
      recorded = e;
      throw e;
    }
  }

  // ---- TaskRuntime --------------------------------------------------------------------------

  @Override
  public long perform(Op op) {
    long result = world.perform(this, op);
    throwPendingViolation();
    return result;
  }

  @Override
  public void access(Object owner, String field, boolean write) {
    // a plain field access: the JVM (or JPF) interleaves it by itself
  }

  @Override
  public void accessStatic(String field, boolean write) {
    // as access()
  }

  @Override
  public void accessArray(Object array, int index, boolean write) {
    // as access()
  }

  @Override
  public void yieldPoint(String what) {
    perform(new YieldPoint.Yield(world.scheduler(), what));
    Thread.yield();
  }

  @Override
  public int choose(int n) {
    // a fresh Random per call: under JPF with cg.enumerate_random every value is a choice
    return new Random().nextInt(n);
  }

  @Override
  public void check(boolean condition, String message) {
    if (!condition) {
      String text = "check failed: " + message;
      world.failed(state, text);
      AssertionError e = new AssertionError(text);
      recorded = e;
      throw e;
    }
  }

  @Override
  public void mightSleep(String what) {
    world.mightSleep(this, what);
    throwPendingViolation();
  }

  @Override
  public TaskState task() {
    return state;
  }

  @Override
  public String callSite() {
    return JvmFailures.modelFrame(new Throwable().getStackTrace());
  }
}
