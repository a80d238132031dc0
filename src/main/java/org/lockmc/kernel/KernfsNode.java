package org.lockmc.kernel;

import org.lockmc.engine.sync.KernfsNodeState;
import org.lockmc.engine.sync.KernfsNodeState.Kind;
import org.lockmc.engine.sync.KernfsNodeState.KernfsOp;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * A sysfs/kernfs file ({@code struct kernfs_node}) and its active references (lockdep.md section
 * 4.11). A file operation runs between {@link #getActive()} and {@link #putActive()}; {@link
 * #remove()} ({@code kernfs_remove}, {@code sysfs_remove_file}, {@code device_del}) makes new
 * {@code getActive} calls fail, then waits for the active references to be put.
 *
 * <p>So removing a file while holding a lock that the file's {@code show}/{@code store} takes
 * deadlocks, and lockdep sees it: the file operation holds {@code kn->active} for read (a
 * trylock, so no edge into it), the removal acquires it for write.
 *
 * <pre>
 * if (node.getActive()) {        // kernfs_fop_write()
 *   store();                     // runs "holding kn->active"
 *   node.putActive();
 * }
 * </pre>
 */
public final class KernfsNode {
  private final KernfsNodeState state;

  /** A node whose lockdep class is {@code name}, for example {@code "kn->active#memory"}. */
  public KernfsNode(String name) {
    state = new KernfsNodeState(name);
  }

  /**
   * {@code kernfs_get_active()}: takes an active reference and returns true, or returns false
   * ({@code -ENODEV}) once removal has started. Never blocks.
   */
  public boolean getActive() {
    return ModelRuntime.current().perform(new KernfsOp(state, Kind.GET_ACTIVE)) != 0;
  }

  /** {@code kernfs_put_active()}: drops an active reference. */
  public void putActive() {
    ModelRuntime.current().perform(new KernfsOp(state, Kind.PUT_ACTIVE));
  }

  /**
   * {@code kernfs_remove()}: deactivates the node (later {@link #getActive()} calls fail) and
   * waits until every active reference has been put ({@code kernfs_drain}).
   */
  public void remove() {
    TaskRuntime rt = ModelRuntime.current();
    rt.perform(new KernfsOp(state, Kind.REMOVE));
    rt.perform(new KernfsOp(state, Kind.REMOVED));
  }

  public String name() {
    return state.name();
  }
}
