package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The active references of a {@code struct kernfs_node} (a sysfs file): every file operation runs
 * between {@code kernfs_get_active()} and {@code kernfs_put_active()}, and removing the node
 * waits for them (lockdep.md section 4.11).
 *
 * <p>Rules:
 *
 * <ul>
 *   <li>{@code kernfs_get_active} never blocks; it fails once removal has started (the node is
 *       deactivated), and lockdep records it as a read trylock of {@code kn->active};
 *   <li>{@code kernfs_remove} deactivates the node, then drains: it waits until every active
 *       reference has been put. Lockdep records a write acquisition around the wait, so removing
 *       a file while holding a lock its {@code show}/{@code store} takes is a lockdep cycle, and
 *       a real deadlock;
 *   <li>a store that removes its own file waits for itself (without {@code
 *       kernfs_break_active_protection}): a self-deadlock.
 * </ul>
 */
public final class KernfsNodeState extends SyncObject {
  private boolean deactivated;
  private final Map<TaskState, Integer> active = new LinkedHashMap<>();

  /** The operations; DRAIN is the wait of a removal. */
  public enum Kind {
    GET_ACTIVE,
    PUT_ACTIVE,
    REMOVE,
    DRAIN,
    REMOVED
  }

  /** One operation on the node. */
  public record KernfsOp(KernfsNodeState object, Kind kind) implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case GET_ACTIVE:
          return "kernfs_get_active(" + n + ")";
        case PUT_ACTIVE:
          return "kernfs_put_active(" + n + ")";
        case REMOVE:
          return "kernfs_remove(" + n + ")";
        case DRAIN:
          return "kernfs_drain(" + n + ") [waiting for active references]";
        default:
          return "kernfs_drain(" + n + ") done";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.REMOVE;
    }

    @Override
    public LockdepEffect lockdep() {
      switch (kind) {
        case GET_ACTIVE:
          return LockdepEffect.tryAcquire(object, 1);
        case PUT_ACTIVE:
        case REMOVED:
          return LockdepEffect.release(object);
        case REMOVE:
          return LockdepEffect.acquire(object);
        default:
          return null;
      }
    }
  }

  /** A node whose lockdep class is {@code name}, for example {@code kn->active#memory}. */
  public KernfsNodeState(String name) {
    super(name);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return ((KernfsOp) op).kind() != Kind.DRAIN || active.isEmpty();
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    switch (((KernfsOp) op).kind()) {
      case GET_ACTIVE:
        if (deactivated) {
          return Step.result(false);
        }
        active.put(task, active.getOrDefault(task, 0) + 1); // not merge with Integer.sum: JPF mishandles that method reference
        task.acquired(this, "read");
        return Step.result(true);
      case PUT_ACTIVE:
        Integer n = active.get(task);
        if (n == null) {
          world.violation(task, "kernfs_put_active(" + name() + ") without a matching"
              + " kernfs_get_active");
          return Step.done();
        }
        if (n == 1) {
          active.remove(task);
        } else {
          active.put(task, n - 1);
        }
        task.released(this, "read");
        return Step.done();
      case REMOVE:
        deactivated = true;
        task.acquired(this, "write");
        return Step.then(new KernfsOp(this, Kind.DRAIN));
      case DRAIN:
        return Step.done();
      default:
        task.released(this, "write");
        return Step.done();
    }
  }

  /** Whether removal has started. */
  public boolean deactivated() {
    return deactivated;
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    List<TaskState> holders = new ArrayList<>(active.keySet());
    String who = holders.contains(task) && holders.size() == 1
        ? task.name() + " itself (a file operation removing its own file)"
        : RwSemaphoreState.names(holders);
    return WaitFor.allOf(holders, "removal of " + name() + " waits for active references held by "
        + who);
  }
}
