package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Function;

/**
 * A {@code struct workqueue_struct} and the works queued on it (lockdep.md sections 3.5, 4.13).
 *
 * <p>Every {@code queue_work} that finds the work not pending starts a kworker, a new task that
 * runs one instance of the work and exits. Rules:
 *
 * <ul>
 *   <li>{@code queue_work} of a pending work does nothing and returns false; a work that is
 *       running may be queued again, and the new instance waits for the running one (a work item
 *       never runs concurrently with itself);
 *   <li>on an ordered workqueue ({@code alloc_ordered_workqueue}) works run one at a time in
 *       queue order, so a work that flushes another work of the same queue deadlocks;
 *   <li>{@code flush_work} waits for the last queued instance to finish; {@code
 *       cancel_work_sync} removes a pending instance and waits for a running one; {@code
 *       flush_workqueue} waits for every instance queued before it.
 * </ul>
 *
 * The lockdep side (held {@code (wq_completion)} and {@code (work_completion)} maps, the
 * acquire/release of {@code flush_work}) is done with {@link LockdepMapState} annotations by the
 * handles; these operations only block.
 *
 * <p>DPOR dependence: on an unordered queue, operations on two different works commute; {@code
 * flush_workqueue} conflicts with everything.
 */
public final class WorkqueueState extends SyncObject {
  private final boolean ordered;
  private final boolean rescuer;
  private final LockdepMapState map;
  private final Function<Instance, Runnable> kworker;
  /** Instances not yet finished, in queue order. */
  private final LinkedList<Instance> live = new LinkedList<>();

  /** What one instance of a work is doing. */
  public enum Status {
    PENDING,
    RUNNING,
    DONE,
    CANCELLED
  }

  /** A {@code struct work_struct}: its name, its lockdep map and the function it runs. */
  public static final class Work {
    private final String name;
    private final LockdepMapState map;
    private final Runnable fn;

    public Work(String name, Runnable fn) {
      this.name = name;
      this.map = new LockdepMapState("(work_completion)" + name);
      this.fn = fn;
    }

    public String name() {
      return name;
    }

    /** The {@code (work_completion)} map held while the work runs. */
    public LockdepMapState map() {
      return map;
    }

    public Runnable fn() {
      return fn;
    }
  }

  /** One queued instance of a work, run by its own kworker. */
  public static final class Instance {
    private final Work work;
    private Status status = Status.PENDING;
    private TaskState kworker;

    Instance(Work work) {
      this.work = work;
    }

    public Work work() {
      return work;
    }

    boolean finished() {
      return status == Status.DONE || status == Status.CANCELLED;
    }
  }

  /** The operations. */
  public enum Kind {
    QUEUE,
    START,
    DONE,
    FLUSH_WORK,
    CANCEL,
    FLUSH_WORKQUEUE,
    AWAIT
  }

  /**
   * One operation; {@code work} is the work it concerns (null for {@code flush_workqueue}),
   * {@code instances} what START/DONE run or AWAIT waits for.
   */
  public record WqOp(WorkqueueState object, Kind kind, Work work, List<Instance> instances,
      String verb) implements Op {
    @Override
    public String describe() {
      String w = work == null ? object.name() : work.name();
      switch (kind) {
        case QUEUE:
          return "queue_work(" + object.name() + ", " + w + ")";
        case START:
          return "process_one_work(" + w + ")";
        case DONE:
          return "process_one_work(" + w + ") done";
        case FLUSH_WORK:
          return "flush_work(" + w + ")";
        case CANCEL:
          return "cancel_work_sync(" + w + ")";
        case FLUSH_WORKQUEUE:
          return "flush_workqueue(" + w + ")";
        default:
          return verb + "(" + w + ") [waiting for " + kworkers(instances) + "]";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.FLUSH_WORK || kind == Kind.CANCEL || kind == Kind.FLUSH_WORKQUEUE;
    }
  }

  /**
   * @param name the workqueue's name; its lockdep map is {@code (wq_completion)name}
   * @param ordered whether works run one at a time in queue order
   * @param rescuer whether it has a rescuer thread ({@code WQ_MEM_RECLAIM}), which makes {@code
   *     flush_work} also annotate the workqueue's map
   * @param kworker the code of the kworker that runs one instance (provided by the handle)
   */
  public WorkqueueState(String name, boolean ordered, boolean rescuer,
      Function<Instance, Runnable> kworker) {
    super(name);
    this.ordered = ordered;
    this.rescuer = rescuer;
    this.map = new LockdepMapState("(wq_completion)" + name);
    this.kworker = kworker;
  }

  /** The {@code (wq_completion)} map. */
  public LockdepMapState map() {
    return map;
  }

  /** Whether {@code flush_work} also acquires the workqueue's map (ordered, or a rescuer). */
  public boolean flushAnnotatesQueue() {
    return ordered || rescuer;
  }

  /** {@code queue_work(wq, work)}. */
  public WqOp queue(Work w) {
    return new WqOp(this, Kind.QUEUE, w, List.of(), "queue_work");
  }

  /** The kworker's start of {@code instance}; returns 0 when it was cancelled meanwhile. */
  public WqOp start(Instance instance) {
    return new WqOp(this, Kind.START, instance.work, List.of(instance), "process_one_work");
  }

  /** The kworker's end of {@code instance}. */
  public WqOp done(Instance instance) {
    return new WqOp(this, Kind.DONE, instance.work, List.of(instance), "process_one_work");
  }

  public WqOp flushWork(Work w) {
    return new WqOp(this, Kind.FLUSH_WORK, w, List.of(), "flush_work");
  }

  public WqOp cancelWorkSync(Work w) {
    return new WqOp(this, Kind.CANCEL, w, List.of(), "cancel_work_sync");
  }

  public WqOp flushWorkqueue() {
    return new WqOp(this, Kind.FLUSH_WORKQUEUE, null, List.of(), "flush_workqueue");
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    WqOp w = (WqOp) op;
    switch (w.kind()) {
      case START:
        return blocker(w.instances().get(0)) == null;
      case AWAIT:
        for (Instance i : w.instances()) {
          if (!i.finished()) {
            return false;
          }
        }
        return true;
      default:
        return true;
    }
  }

  /** The instance {@code instance} must wait for before it may run, or null. */
  private Instance blocker(Instance instance) {
    if (instance.status == Status.CANCELLED) {
      return null;
    }
    for (Instance other : live) {
      if (other == instance) {
        return null;
      }
      if (other.status == Status.RUNNING && other.work == instance.work) {
        return other;
      }
      if (ordered && other.status != Status.CANCELLED) {
        return other;
      }
    }
    return null;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    WqOp w = (WqOp) op;
    switch (w.kind()) {
      case QUEUE:
        return queue(w.work(), task, world);
      case START: {
        Instance i = w.instances().get(0);
        if (i.status == Status.CANCELLED) {
          return Step.result(false);
        }
        i.status = Status.RUNNING;
        return Step.result(true);
      }
      case DONE: {
        Instance i = w.instances().get(0);
        i.status = Status.DONE;
        live.remove(i);
        return Step.done();
      }
      case FLUSH_WORK: {
        Instance last = null;
        for (Instance i : live) {
          if (i.work == w.work()) {
            last = i;
          }
        }
        return last == null ? Step.result(false) : await(w, List.of(last));
      }
      case CANCEL:
        return cancel(w);
      case FLUSH_WORKQUEUE:
        return live.isEmpty() ? Step.done() : await(w, new ArrayList<>(live));
      default:
        return Step.result(true);
    }
  }

  private Step queue(Work work, TaskState task, World world) {
    for (Instance i : live) {
      if (i.work == work && i.status == Status.PENDING) {
        return Step.result(false);
      }
    }
    Instance i = new Instance(work);
    live.add(i);
    i.kworker = world.spawn(task, "kworker/" + work.name(), kworker.apply(i));
    return Step.result(true);
  }

  private Step cancel(WqOp w) {
    boolean wasPending = false;
    List<Instance> running = new ArrayList<>();
    for (Instance i : new ArrayList<>(live)) {
      if (i.work != w.work()) {
        continue;
      }
      if (i.status == Status.PENDING) {
        i.status = Status.CANCELLED;
        live.remove(i);
        wasPending = true;
      } else if (i.status == Status.RUNNING) {
        running.add(i);
      }
    }
    if (running.isEmpty()) {
      return Step.result(wasPending);
    }
    return Step.then(new WqOp(this, Kind.AWAIT, w.work(), List.copyOf(running),
        "cancel_work_sync"));
  }

  private Step await(WqOp w, List<Instance> instances) {
    return Step.then(new WqOp(this, Kind.AWAIT, w.work(), List.copyOf(instances), w.verb()));
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    WqOp w = (WqOp) op;
    List<TaskState> on = new ArrayList<>();
    if (w.kind() == Kind.START) {
      Instance b = blocker(w.instances().get(0));
      on.add(b.kworker);
      String why = b.work == w.work()
          ? w.work().name() + " is still running in " + b.kworker.name()
          : "ordered workqueue " + name() + " runs " + b.work.name() + " (" + b.kworker.name()
              + ") first";
      return WaitFor.allOf(on, why);
    }
    for (Instance i : w.instances()) {
      if (!i.finished()) {
        on.add(i.kworker);
      }
    }
    return WaitFor.allOf(on, w.verb() + " waits for " + RwSemaphoreState.names(on)
        + " to finish");
  }

  private static String kworkers(List<Instance> instances) {
    List<TaskState> tasks = new ArrayList<>();
    for (Instance i : instances) {
      tasks.add(i.kworker);
    }
    return RwSemaphoreState.names(tasks);
  }

  @Override
  public boolean dependent(Op a, Op b) {
    WqOp x = (WqOp) a;
    WqOp y = (WqOp) b;
    return ordered || x.work() == null || y.work() == null || x.work() == y.work();
  }
}
