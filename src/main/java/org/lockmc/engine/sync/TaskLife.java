package org.lockmc.engine.sync;

/**
 * The life of one task as other tasks observe it: its exit, its {@code kthread_should_stop()}
 * flag and its fatal signal. Operations that wait for a task to finish ({@code kthread_stop})
 * act on this object, so that DPOR orders them with the exit; the OOM killer's kill {@link
 * Op#affects() affects} the task, so DPOR orders it with the task's {@link FatalSignalPending}.
 */
public final class TaskLife extends SyncObject {
  private final TaskState task;

  /**
   * The task returns from its function, or dies ({@code died}: a failed check or an exception
   * ended it, so the locks it still holds are the failure's consequence, not a lock leak).
   */
  public record Exit(TaskLife object, boolean died) implements Op {
    @Override
    public String describe() {
      return "exit";
    }
  }

  /** {@code kthread_stop(k)}: sets should-stop, wakes the thread, then waits for it to exit. */
  public record Stop(TaskLife object) implements Op {
    @Override
    public String describe() {
      return "kthread_stop(" + object.name() + ")";
    }

    @Override
    public boolean mightSleep() {
      return true;
    }

    @Override
    public TaskState affects() {
      return object.task;
    }
  }

  /** Waits until the task has exited ({@code kthread_stop}'s second half, {@code flush_work}). */
  public record AwaitExit(TaskLife object, String verb) implements Op {
    @Override
    public String describe() {
      return verb + "(" + object.name() + ") [waiting for it to exit]";
    }
  }

  /** {@code kthread_should_stop()}, read by the thread itself. */
  public record ShouldStop(TaskLife object) implements Op {
    @Override
    public String describe() {
      return "kthread_should_stop()";
    }
  }

  /** {@code fatal_signal_pending(current)}, read by the task itself. */
  public record FatalSignalPending(TaskLife object) implements Op {
    @Override
    public String describe() {
      return "fatal_signal_pending(current)";
    }
  }

  public TaskLife(TaskState task) {
    super(task.name());
    this.task = task;
  }

  /** The task whose life this is. */
  public TaskState task() {
    return task;
  }

  @Override
  public boolean enabled(Op op, TaskState by, World world) {
    return !(op instanceof AwaitExit) || task.exited();
  }

  @Override
  public Step perform(Op op, TaskState by, World world) {
    if (op instanceof Exit) {
      task.exit();
      return Step.done();
    }
    if (op instanceof Stop) {
      task.requestStop();
      task.wakeUpProcess();
      return task.exited() ? Step.done() : Step.then(new AwaitExit(this, "kthread_stop"));
    }
    if (op instanceof ShouldStop) {
      return Step.result(task.shouldStop());
    }
    if (op instanceof FatalSignalPending) {
      return Step.result(task.fatalSignalPending());
    }
    return Step.done();
  }

  @Override
  public WaitFor waitFor(Op op, TaskState by) {
    return WaitFor.on(task, "waits for task " + task.name() + " to exit");
  }
}
