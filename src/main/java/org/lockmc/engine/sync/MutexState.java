package org.lockmc.engine.sync;

/**
 * {@code struct mutex}: exclusive, sleeping, non-recursive, owner-only unlock.
 *
 * <p>Blocking rule: {@code mutex_lock} is enabled only while the mutex is free; a relock by the
 * owner therefore never becomes enabled (self-deadlock). Any waiter may take a released mutex
 * next, which covers the kernel's optimistic spinning and lock stealing as well as FIFO order.
 * {@code mutex_lock_nested} changes only the lockdep class (the subclass).
 */
public final class MutexState extends SyncObject {
  private TaskState owner;

  /** The mutex operations. */
  public enum Kind {
    LOCK,
    TRYLOCK,
    UNLOCK
  }

  /** One mutex operation; {@code subclass} is lockdep's {@code _nested} subclass. */
  public record MutexOp(MutexState object, Kind kind, int subclass, SyncObject nestLock)
      implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case LOCK:
          if (nestLock != null) {
            return "mutex_lock_nest_lock(" + n + ", " + nestLock.name() + ")";
          }
          return subclass == 0 ? "mutex_lock(" + n + ")" : "mutex_lock_nested(" + n + ", " + subclass + ")";
        case TRYLOCK:
          return "mutex_trylock(" + n + ")";
        default:
          return "mutex_unlock(" + n + ")";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.LOCK;
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

  public MutexState(String name) {
    super(name);
  }

  /** The owner, or {@code null} when free. */
  public TaskState owner() {
    return owner;
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return ((MutexOp) op).kind() != Kind.LOCK || owner == null;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    MutexOp m = (MutexOp) op;
    switch (m.kind()) {
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
              ? "mutex_unlock(" + name() + ") but the mutex is not locked"
              : "mutex_unlock(" + name() + ") by " + task.name() + " but it is held by " + owner.name()
                  + " (only the owner may unlock a mutex)");
          return Step.done();
        }
        owner = null;
        task.released(this, "");
        return Step.done();
    }
  }

  private void take(TaskState task) {
    owner = task;
    task.acquired(this, "");
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    if (owner == task) {
      return WaitFor.on(task, "mutex " + name() + " already held by " + task.name() + " itself");
    }
    return WaitFor.on(owner, "mutex " + name() + " held by " + owner.name());
  }
}
