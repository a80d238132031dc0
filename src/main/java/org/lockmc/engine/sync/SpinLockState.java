package org.lockmc.engine.sync;

/**
 * {@code spinlock_t}: exclusive and non-recursive, and holding it is atomic context: a sleeping
 * operation while it is held is a violation ("sleeping function called from invalid context").
 *
 * <p>Blocking rule: {@code spin_lock} is enabled only while the lock is free; the waiter spins,
 * which for the wait-for graph is the same as sleeping on the owner.
 */
public final class SpinLockState extends SyncObject {
  private TaskState owner;

  /** The spinlock operations. */
  public enum Kind {
    LOCK,
    TRYLOCK,
    UNLOCK
  }

  /** One spinlock operation. */
  public record SpinOp(SpinLockState object, Kind kind, int subclass, SyncObject nestLock)
      implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case LOCK:
          if (nestLock != null) {
            return "spin_lock_nest_lock(" + n + ", " + nestLock.name() + ")";
          }
          return subclass == 0 ? "spin_lock(" + n + ")" : "spin_lock_nested(" + n + ", " + subclass + ")";
        case TRYLOCK:
          return "spin_trylock(" + n + ")";
        default:
          return "spin_unlock(" + n + ")";
      }
    }

    @Override
    public LockdepEffect lockdep() {
      switch (kind) {
        case LOCK:
          return nestLock != null
              ? LockdepEffect.acquireNested(object, nestLock)
              : LockdepEffect.acquire(object, subclass, 0);
        case TRYLOCK:
          return LockdepEffect.tryAcquire(object, 0);
        default:
          return LockdepEffect.release(object);
      }
    }
  }

  public SpinLockState(String name) {
    super(name);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return ((SpinOp) op).kind() != Kind.LOCK || owner == null;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    SpinOp s = (SpinOp) op;
    switch (s.kind()) {
      case LOCK:
        take(task);
        return Step.done();
      case TRYLOCK:
        if (owner != null) {
          return Step.result(false);
        }
        take(task);
        return Step.result(true);
      default:
        if (owner != task) {
          world.violation(task, owner == null
              ? "spin_unlock(" + name() + ") but the spinlock is not locked"
              : "spin_unlock(" + name() + ") by " + task.name() + " but it is held by " + owner.name());
          return Step.done();
        }
        owner = null;
        task.released(this, "");
        task.exitAtomic(atomicReason());
        return Step.done();
    }
  }

  private void take(TaskState task) {
    owner = task;
    task.acquired(this, "");
    task.enterAtomic(atomicReason());
  }

  private String atomicReason() {
    return "spinlock " + name() + " held";
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    if (owner == task) {
      return WaitFor.on(task, "spinlock " + name() + " already held by " + task.name() + " itself");
    }
    return WaitFor.on(owner, "spinlock " + name() + " held by " + owner.name());
  }
}
