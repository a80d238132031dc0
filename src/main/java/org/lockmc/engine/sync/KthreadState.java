package org.lockmc.engine.sync;

/**
 * The creation of a kernel thread ({@code kthread_run}): performing {@link Run} starts the task.
 * Once started, the thread is observed through its {@link TaskLife}.
 */
public final class KthreadState extends SyncObject {
  private final Runnable body;
  private TaskState thread;

  /** {@code kthread_run(fn, data, name)}. */
  public record Run(KthreadState object) implements Op {
    @Override
    public String describe() {
      return "kthread_run(" + object.name() + ")";
    }
  }

  public KthreadState(String name, Runnable body) {
    super(name);
    this.body = body;
  }

  /** The started thread, or null before {@link Run} was performed. */
  public TaskState thread() {
    return thread;
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return true;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    thread = world.spawn(task, name(), body);
    return Step.done();
  }
}
