package org.lockmc.engine;

import java.lang.reflect.InvocationTargetException;
import java.util.BitSet;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskLife;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.runtime.ExecutionAborted;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskBug;
import org.lockmc.runtime.TaskRuntime;

/**
 * The engine's side of one task in one execution: its thread and permit, its pending operation,
 * its step count and fairness state. It is also the {@link TaskRuntime} the task's code calls.
 *
 * <p>Invariant: while the task is parked, {@link #pending} is the operation it waits to have
 * performed; the scheduler performs it (on whatever thread runs the scheduler) and then resumes
 * the task with the result.
 */
final class TaskControl implements TaskRuntime {
  enum Status {
    RUNNABLE,
    FINISHED,
    FROZEN
  }

  final int id;
  final TaskState state;
  final TaskLife life;
  final Runner runner;
  private final Execution execution;
  private final TaskBody body;

  Status status = Status.RUNNABLE;
  Op pending;
  /** Whether {@link #pending} is enabled at the current scheduling point. */
  boolean opEnabled;
  /** The operation the task called, when {@link #pending} is its continuation. */
  Op origin;
  boolean pendingGlobal;
  boolean postYield;
  /** Tasks that must run (or block) before this task may run again after a yield. */
  final BitSet yieldWait = new BitSet();
  int steps;
  long result;
  boolean crashed;
  String site;
  volatile boolean aborted;
  private boolean started;
  private Runner returnTo;
  /** How many tasks this task has started (for stable ids of its children). */
  int spawned;
  /** Loop iterations since the task's last operation. */
  private long loopIterations;
  TaskThreads.Handle handle;

  /** The task's code: the model's task method applied to the instance. */
  interface TaskBody {
    void run() throws InvocationTargetException, IllegalAccessException;
  }

  TaskControl(Execution execution, int id, String name, TaskBody body) {
    this.execution = execution;
    this.runner = new Runner(execution.spins());
    this.id = id;
    this.state = new TaskState(id, name);
    this.life = state.life();
    this.body = body;
  }

  String name() {
    return state.name();
  }

  /** Starts the thread; it runs the task's code up to its first operation, then parks. */
  void start(TaskThreads threads, Runner starter) {
    returnTo = starter;
    handle = threads.start(this::main, "lockmc " + name());
    runner.attach(handle.thread());
    starter.transfer(runner);
  }

  private void main() {
    runner.attach(Thread.currentThread());
    runner.awaitPermit();
    ModelRuntime.bind(this);
    try {
      Throwable failure = null;
      try {
        body.run();
      } catch (InvocationTargetException e) {
        failure = e.getCause();
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
      if (failure instanceof ExecutionAborted) {
        return;
      }
      if (failure != null) {
        // A failed check (TaskBug) was reported when it failed; the locks the task still holds
        // are its consequence, not a second finding.
        crashed = true;
        if (!(failure instanceof TaskBug)) {
          execution.crashed(this, failure);
        }
      }
      execution.exit(this);
    } catch (ExecutionAborted e) {
      // the execution ended while this task was blocked or frozen
    } finally {
      ModelRuntime.unbind();
    }
  }

  /**
   * A task that runs this many loop iterations without any operation is frozen as a livelock: its
   * loop touches nothing shared, so nothing can ever end it.
   */
  static final long MAX_LOOP_ITERATIONS = 10_000_000L;

  /** The task reached {@code op}: schedule, and return its result once it was performed. */
  private long arrive(Op op) {
    if (aborted) {
      throw new ExecutionAborted();
    }
    loopIterations = 0;
    if (op.local()) {
      execution.arrived(this, op);
      return execution.performLocal(this, op);
    }
    pending = op;
    origin = op;
    pendingGlobal = postYield || op instanceof org.lockmc.engine.sync.YieldPoint.Yield
        || op.global();
    postYield = false;
    execution.arrived(this, op);
    yieldPermit();
    if (aborted && status != Status.FINISHED) {
      throw new ExecutionAborted();
    }
    return result;
  }

  /** Hands the permit on (to the starter before the first operation, else to the scheduler). */
  private void yieldPermit() {
    if (!started) {
      started = true;
      runner.transfer(returnTo);
    } else {
      TaskControl next = execution.schedule(runner);
      if (next == null) {
        execution.endedOn(this);
      } else if (next != this) {
        runner.transfer(next.runner);
      }
    }
  }

  @Override
  public void backEdge() {
    if (++loopIterations > MAX_LOOP_ITERATIONS) {
      if (aborted) {
        throw new ExecutionAborted();
      }
      pending = execution.localLoop(this, loopIterations);
      origin = pending;
      pendingGlobal = false;
      yieldPermit();
      throw new ExecutionAborted();
    }
  }

  @Override
  public Object param(String field) {
    return execution.param(field);
  }

  /** Whether the task has reached its first operation (or ended before it). */
  boolean started() {
    return started;
  }

  /** The task ended before reaching any operation: hand the permit back to its starter. */
  void endedBeforeFirstOperation() {
    started = true;
    returnTo.grant();
  }

  /** Lets the parked task thread unwind after its execution ended. */
  void abort() {
    aborted = true;
    runner.grant();
  }

  @Override
  public long perform(Op op) {
    return arrive(op);
  }

  @Override
  public void access(Object owner, String field, boolean write) {
    arrive(execution.memory().field(owner, field, write));
  }

  @Override
  public void accessStatic(String field, boolean write) {
    arrive(execution.memory().staticField(field, write));
  }

  @Override
  public void accessArray(Object array, int index, boolean write) {
    arrive(execution.memory().element(array, index, write));
  }

  @Override
  public void yieldPoint(String what) {
    arrive(execution.yieldOp(what));
    postYield = true;
  }

  @Override
  public int choose(int n) {
    return execution.choose(this, n);
  }

  @Override
  public void check(boolean condition, String message) {
    if (!condition) {
      execution.violation(state, "check failed: " + message);
      throw new TaskBug(message);
    }
  }

  @Override
  public void mightSleep(String what) {
    execution.mightSleep(this, what);
  }

  @Override
  public TaskState task() {
    return state;
  }

  @Override
  public String callSite() {
    return execution.callSite();
  }
}
