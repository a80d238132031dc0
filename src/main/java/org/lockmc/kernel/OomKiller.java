package org.lockmc.kernel;

import org.lockmc.engine.sync.MemoryState;
import org.lockmc.engine.sync.MemoryState.Kind;
import org.lockmc.engine.sync.MemoryState.MemOp;
import org.lockmc.runtime.ModelRuntime;

/**
 * The OOM killer of a {@link PageAllocator} ({@code out_of_memory()}). When an allocation that may
 * not fail finds no free page, it picks a victim among the registered candidates (every choice is
 * explored) and sets its fatal signal ({@link Kernel#fatalSignalPending()}); the victim's own
 * allocations then fail (TIF_MEMDIE). Only candidates that still have their mm can be chosen;
 * ksmd, having no mm, never registers.
 *
 * <p>While its victim has not exited, it chooses nobody else. {@link Policy} says when it stops
 * waiting for a victim; seed 001's S13 is a deadlock or a wrongly killed task depending on it.
 */
public final class OomKiller {
  /** When the OOM killer may choose another victim. */
  public enum Policy {
    /**
     * 2009: a victim whose mm is gone ({@code p->mm == NULL}, after {@link #exitMm()}) is
     * skipped, and the next candidate is chosen, even if the victim has not freed its memory.
     */
    SKIP_TASKS_WITHOUT_MM(MemoryState.Policy.SKIP_TASKS_WITHOUT_MM),
    /** A victim is waited for until it has dropped its mm and freed every page it holds. */
    WAIT_FOR_VICTIM(MemoryState.Policy.WAIT_FOR_VICTIM);

    final MemoryState.Policy policy;

    Policy(MemoryState.Policy policy) {
      this.policy = policy;
    }
  }

  private final Policy policy;
  private MemoryState memory;

  /** An OOM killer with {@code policy}; give it to exactly one {@link PageAllocator}. */
  public OomKiller(Policy policy) {
    this.policy = policy;
  }

  void bind(MemoryState state) {
    if (memory != null) {
      throw new IllegalArgumentException("this OomKiller already serves another PageAllocator");
    }
    memory = state;
  }

  Policy policy() {
    return policy;
  }

  private MemoryState memory() {
    if (memory == null) {
      throw new IllegalStateException("this OomKiller serves no PageAllocator: pass it to"
          + " new PageAllocator(name, pages, oomKiller)");
    }
    return memory;
  }

  /** The calling task has an mm (a user process): the OOM killer may choose it. */
  public void registerCandidate() {
    ModelRuntime.current().perform(new MemOp(memory(), Kind.REGISTER, null, 0, null));
  }

  /**
   * {@code exit_mm()}: the calling task drops its mm ({@code current->mm = NULL}); it can no longer
   * be chosen, and with {@link Policy#SKIP_TASKS_WITHOUT_MM} it stops being waited for.
   */
  public void exitMm() {
    ModelRuntime.current().perform(new MemOp(memory(), Kind.EXIT_MM, null, 0, null));
  }
}
