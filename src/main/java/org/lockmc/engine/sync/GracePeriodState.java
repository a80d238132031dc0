package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A read-copy-update domain: {@code srcu_struct} ({@link #srcu}) or classic RCU ({@link #rcu}).
 *
 * <p>Rules (lockdep.md section 4.10):
 *
 * <ul>
 *   <li>readers never block and never wait for updaters; read sections nest;
 *   <li>{@code synchronize_*} waits only for the read sections that began before it (it
 *       snapshots them, then waits for that snapshot to end); readers that start later do not
 *       delay it;
 *   <li>SRCU: {@code synchronize_srcu} inside a read section of the same domain waits for itself:
 *       a deadlock;
 *   <li>RCU: the read side is atomic context, so {@code synchronize_rcu} (which sleeps) inside it
 *       is a violation; the caller's own sections are then left out of the snapshot so that the
 *       violation is not also reported as a deadlock.
 * </ul>
 */
public final class GracePeriodState extends SyncObject {
  private final boolean atomicReaders;
  private final String prefix;
  private final Map<Long, TaskState> sections = new LinkedHashMap<>();
  private long nextSection;

  /** The grace-period operations. */
  public enum Kind {
    READ_LOCK,
    READ_UNLOCK,
    SYNCHRONIZE,
    AWAIT_READERS
  }

  /**
   * One operation; {@code section} is the read section a READ_UNLOCK ends, {@code snapshot} the
   * sections an AWAIT_READERS waits for.
   */
  public record GpOp(GracePeriodState object, Kind kind, long section, Set<Long> snapshot)
      implements Op {
    @Override
    public String describe() {
      String p = object.prefix;
      String arg = object.atomicReaders ? "" : object.name();
      switch (kind) {
        case READ_LOCK:
          return p + "_read_lock(" + arg + ")";
        case READ_UNLOCK:
          return p + "_read_unlock(" + arg + ")";
        case SYNCHRONIZE:
          return "synchronize_" + p + "(" + arg + ")";
        default:
          return "synchronize_" + p + "(" + arg + ") [waiting for readers]";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.SYNCHRONIZE;
    }

    @Override
    public LockdepEffect lockdep() {
      switch (kind) {
        case READ_LOCK:
          return object.atomicReaders
              ? LockdepEffect.acquireUnchecked(object, 2)
              : LockdepEffect.acquire(object, 0, 2);
        case READ_UNLOCK:
          return LockdepEffect.release(object);
        case SYNCHRONIZE:
          return object.atomicReaders ? null : LockdepEffect.sync(object);
        default:
          return null;
      }
    }
  }

  private GracePeriodState(String name, boolean atomicReaders, String prefix) {
    super(name);
    this.atomicReaders = atomicReaders;
    this.prefix = prefix;
  }

  /** A sleepable RCU domain, {@code DEFINE_SRCU(name)}. */
  public static GracePeriodState srcu(String name) {
    return new GracePeriodState(name, false, "srcu");
  }

  /** Classic RCU; its lockdep class is {@code rcu_read_lock}. */
  public static GracePeriodState rcu() {
    return new GracePeriodState("rcu_read_lock", true, "rcu");
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    GpOp g = (GpOp) op;
    if (g.kind() != Kind.AWAIT_READERS) {
      return true;
    }
    for (Long s : g.snapshot()) {
      if (sections.containsKey(s)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    GpOp g = (GpOp) op;
    switch (g.kind()) {
      case READ_LOCK:
        long s = ++nextSection;
        sections.put(s, task);
        task.acquired(this, "read");
        if (atomicReaders) {
          task.enterAtomic("inside rcu_read_lock()");
        }
        return Step.result(s);
      case READ_UNLOCK:
        return unlock(g, task, world);
      case SYNCHRONIZE:
        Set<Long> snapshot = new java.util.LinkedHashSet<>();
        for (Map.Entry<Long, TaskState> e : sections.entrySet()) {
          if (!(atomicReaders && e.getValue() == task)) {
            snapshot.add(e.getKey());
          }
        }
        if (snapshot.isEmpty()) {
          return Step.done();
        }
        return Step.then(new GpOp(this, Kind.AWAIT_READERS, 0, snapshot));
      default:
        return Step.done();
    }
  }

  private Step unlock(GpOp g, TaskState task, World world) {
    long s = g.section();
    if (s == 0) {
      s = latestSectionOf(task);
    }
    TaskState owner = sections.get(s);
    if (owner != task) {
      world.violation(task, prefix + "_read_unlock(" + (atomicReaders ? "" : name()) + ") by "
          + task.name() + (owner == null ? " without a matching read lock"
              : " of a read section entered by " + owner.name()));
      return Step.done();
    }
    sections.remove(s);
    task.released(this, "read");
    if (atomicReaders) {
      task.exitAtomic("inside rcu_read_lock()");
    }
    return Step.done();
  }

  private long latestSectionOf(TaskState task) {
    long latest = -1;
    for (Map.Entry<Long, TaskState> e : sections.entrySet()) {
      if (e.getValue() == task) {
        latest = e.getKey();
      }
    }
    return latest;
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    GpOp g = (GpOp) op;
    List<TaskState> on = new ArrayList<>();
    for (Long s : g.snapshot()) {
      TaskState t = sections.get(s);
      if (t != null && !on.contains(t)) {
        on.add(t);
      }
    }
    String who = on.contains(task) && on.size() == 1
        ? task.name() + " itself (synchronize inside its own read section)"
        : RwSemaphoreState.names(on);
    return WaitFor.allOf(on, "grace period of " + name() + " waits for readers " + who);
  }
}
