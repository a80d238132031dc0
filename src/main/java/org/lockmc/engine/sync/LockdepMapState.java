package org.lockmc.engine.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code struct lockdep_map} without a lock (lockdep.md section 3.5): an annotation that lockdep
 * records as an acquisition or release but that never blocks anyone. Workqueues hold {@code
 * (wq_completion)} and {@code (work_completion)} maps while a work runs; {@code flush_work}
 * acquires and releases the work's map; {@code __might_fault} records {@code mmap_sem} for read.
 *
 * <p>Only the annotating task's own held-lock stack changes, so operations on a map never
 * conflict with each other (DPOR dependence: none) and are {@link Op#local() local}: performed at
 * once, without a scheduling point. Releasing a map the task does not hold is a violation, as
 * lockdep's "bad unlock balance" is.
 */
public final class LockdepMapState extends SyncObject {
  private final Map<TaskState, Integer> holds = new LinkedHashMap<>();

  /** The annotation kinds. */
  public enum Kind {
    ACQUIRE,
    RELEASE
  }

  /**
   * One annotation. {@code lockClass} is what lockdep sees acquired (the map itself, or the
   * rwsem whose class {@code might_lock_read} names); {@code read} is lockdep's read level (0
   * exclusive, 1 read, 2 recursive read); {@code verb} the kernel macro.
   */
  public record MapOp(LockdepMapState object, Kind kind, SyncObject lockClass, int read,
      String verb) implements Op {
    @Override
    public String describe() {
      return verb + "(" + lockClass.name() + ")";
    }

    @Override
    public LockdepEffect lockdep() {
      return kind == Kind.ACQUIRE ? LockdepEffect.acquire(lockClass, 0, read)
          : LockdepEffect.release(lockClass);
    }

    @Override
    public boolean local() {
      return true;
    }
  }

  /** A map whose lockdep class is {@code name}, for example {@code (wq_completion)events}. */
  public LockdepMapState(String name) {
    super(name);
  }

  /** {@code lock_map_acquire(map)}: exclusive. */
  public MapOp acquire() {
    return new MapOp(this, Kind.ACQUIRE, this, 0, "lock_map_acquire");
  }

  /** {@code lock_map_acquire_read(map)}: recursive read (read level 2). */
  public MapOp acquireRead() {
    return new MapOp(this, Kind.ACQUIRE, this, 2, "lock_map_acquire_read");
  }

  /** {@code lock_map_release(map)}. */
  public MapOp release() {
    return new MapOp(this, Kind.RELEASE, this, 0, "lock_map_release");
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return true;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    MapOp m = (MapOp) op;
    String mode = m.read() == 0 ? "" : "read";
    if (m.kind() == Kind.ACQUIRE) {
      holds.put(task, holds.getOrDefault(task, 0) + 1); // not merge with Integer.sum: JPF mishandles that method reference
      if (m.lockClass() == this) {
        task.acquired(this, mode);
      }
      return Step.done();
    }
    Integer n = holds.get(task);
    if (n == null) {
      world.violation(task, "lock_map_release(" + name() + ") but " + task.name()
          + " does not hold it (bad unlock balance)");
      return Step.done();
    }
    if (n == 1) {
      holds.remove(task);
    } else {
      holds.put(task, n - 1);
    }
    if (m.lockClass() == this) {
      releaseHeld(task);
    }
    return Step.done();
  }

  private void releaseHeld(TaskState task) {
    for (int i = task.held().size() - 1; i >= 0; i--) {
      TaskState.Held h = task.held().get(i);
      if (h.lock() == this) {
        task.released(this, h.mode());
        return;
      }
    }
  }

  @Override
  public boolean dependent(Op a, Op b) {
    return false;
  }
}
