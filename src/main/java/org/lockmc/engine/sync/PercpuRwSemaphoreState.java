package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code struct percpu_rw_semaphore} (kernel/locking/percpu-rwsem.c, 5.8+), the lock behind
 * {@code cpus_read_lock()} and, since 2017, {@code get_online_mems()}.
 *
 * <p>Rules (lockdep.md section 4.4):
 *
 * <ul>
 *   <li>{@code percpu_down_write} first waits for any other writer, then sets {@code block}: from
 *       that moment every new {@code percpu_down_read} blocks, including one by a task that already
 *       holds a read lock (a recursive read behind a pending writer deadlocks);
 *   <li>the writer then waits for every existing reader to drain;
 *   <li>{@code percpu_down_read_trylock} fails while a writer is pending or holds the lock.
 * </ul>
 *
 * Writer acquisition is therefore two steps: {@link Kind#WRITE_BLOCK} then {@link
 * Kind#WRITE_DRAIN}.
 */
public final class PercpuRwSemaphoreState extends SyncObject {
  private TaskState writer;
  private boolean drained;
  private final Map<TaskState, Integer> readers = new LinkedHashMap<>();

  /** The percpu_rw_semaphore operations. */
  public enum Kind {
    DOWN_READ,
    DOWN_READ_TRYLOCK,
    UP_READ,
    WRITE_BLOCK,
    WRITE_DRAIN,
    UP_WRITE
  }

  /** One percpu_rw_semaphore operation; {@code verb} is the kernel function name it stands for. */
  public record PercpuOp(PercpuRwSemaphoreState object, Kind kind, String verb) implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case WRITE_DRAIN:
          return verb + "(" + n + ") [waiting for readers]";
        default:
          return verb + "(" + n + ")";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.DOWN_READ || kind == Kind.WRITE_BLOCK;
    }

    @Override
    public LockdepEffect lockdep() {
      switch (kind) {
        case DOWN_READ:
          return LockdepEffect.acquire(object, 0, 1);
        case DOWN_READ_TRYLOCK:
          return LockdepEffect.tryAcquire(object, 1);
        case WRITE_BLOCK:
          return LockdepEffect.acquire(object);
        case UP_READ:
        case UP_WRITE:
          return LockdepEffect.release(object);
        default:
          return null;
      }
    }
  }

  public PercpuRwSemaphoreState(String name) {
    super(name);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    switch (((PercpuOp) op).kind()) {
      case DOWN_READ:
        return writer == null || (!world.semantics().queuedWriterBlocksReaders() && !drained);
      case WRITE_BLOCK:
        return writer == null;
      case WRITE_DRAIN:
        return readers.isEmpty();
      default:
        return true;
    }
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    PercpuOp p = (PercpuOp) op;
    switch (p.kind()) {
      case DOWN_READ:
        // not merge(task, 1, Integer::sum): JPF (java-17 branch) calls that method reference
        // without unboxing its arguments
        readers.put(task, readers.getOrDefault(task, 0) + 1);
        task.acquired(this, "read");
        return Step.done();
      case DOWN_READ_TRYLOCK:
        if (writer != null) {
          return Step.result(false);
        }
        readers.put(task, readers.getOrDefault(task, 0) + 1);
        task.acquired(this, "read");
        return Step.result(true);
      case UP_READ:
        upRead(task, world);
        return Step.done();
      case WRITE_BLOCK:
        writer = task;
        drained = false;
        task.acquired(this, "write");
        return Step.then(new PercpuOp(this, Kind.WRITE_DRAIN, p.verb()));
      case WRITE_DRAIN:
        drained = true;
        return Step.done();
      default:
        if (writer != task) {
          world.violation(task, "percpu_up_write(" + name() + ") but " + task.name()
              + " does not hold it for write");
          return Step.done();
        }
        writer = null;
        drained = false;
        task.released(this, "write");
        return Step.done();
    }
  }

  private void upRead(TaskState task, World world) {
    Integer n = readers.get(task);
    if (n == null) {
      world.violation(task, "percpu_up_read(" + name() + ") but " + task.name()
          + " does not hold it for read");
      return;
    }
    if (n == 1) {
      readers.remove(task);
    } else {
      readers.put(task, n - 1);
    }
    task.released(this, "read");
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    PercpuOp p = (PercpuOp) op;
    if (p.kind() == Kind.WRITE_DRAIN) {
      List<TaskState> on = new ArrayList<>(readers.keySet());
      return WaitFor.allOf(on, "percpu rwsem " + name() + " still read-held by "
          + RwSemaphoreState.names(on) + " (writer waits for readers to drain)");
    }
    if (writer == task) {
      return WaitFor.on(task, "percpu rwsem " + name() + " write-held or pending by "
          + task.name() + " itself");
    }
    String state = drained ? "held for write by " : "write pending by ";
    return WaitFor.on(writer, "percpu rwsem " + name() + " " + state + writer.name());
  }
}
