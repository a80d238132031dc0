package org.lockmc.kernel;

import org.lockmc.engine.sync.MemoryState;
import org.lockmc.engine.sync.MemoryState.Kind;
import org.lockmc.engine.sync.MemoryState.MemOp;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * A bounded pool of free pages, enough for the 2009 KSM out-of-memory deadlocks (seed 001, S6,
 * S9, S13). A page a task allocates is held by that task until it frees it, so a task waiting for
 * memory waits for the tasks holding pages (any one of them freeing would release it); the wait
 * is invisible to lockdep.
 *
 * <p>When no page is free, a {@link GfpFlags#GFP_KERNEL} allocation runs the {@link OomKiller}
 * (when the allocator has one) and keeps retrying: it never fails, except for a task the OOM
 * killer chose (its allocations fail, like a TIF_MEMDIE fault returning {@code VM_FAULT_OOM}).
 * {@link GfpFlags#GFP_NORETRY}, {@link GfpFlags#GFP_NOWAIT} and {@link GfpFlags#GFP_ATOMIC} fail
 * instead. A task blocked in the allocator cannot notice anything else (it does not poll {@code
 * mm_users} or signals), as Hugh Dickins insisted: "No, not while it's down inside page
 * allocation."
 */
public final class PageAllocator {
  private final MemoryState state;

  /** A pool named {@code name} with {@code pages} free pages and no OOM killer. */
  public PageAllocator(String name, int pages) {
    state = new MemoryState(name, pages, null);
  }

  /** A pool whose out-of-memory allocations run {@code oom}. */
  public PageAllocator(String name, int pages, OomKiller oom) {
    state = new MemoryState(name, pages, oom.policy().policy);
    oom.bind(state);
  }

  /**
   * {@code alloc_page(gfp)}: returns true with one more page held by the calling task, or false
   * when the allocation failed.
   */
  public boolean allocPage(GfpFlags gfp) {
    TaskRuntime rt = ModelRuntime.current();
    long r = rt.perform(new MemOp(state, Kind.ALLOC, gfp.gfp(), 1, null));
    while (MemoryState.outOfMemory(r)) {
      long killable = MemoryState.killable(r);
      if (killable != 0) {
        TaskState victim = state.candidate(pick(rt, killable)); // select_bad_process()
        rt.perform(new MemOp(state, Kind.OOM_KILL, gfp.gfp(), 0, victim)); // oom_kill_process()
      }
      r = rt.perform(new MemOp(state, Kind.RETRY, gfp.gfp(), 1, null));
    }
    return r == MemoryState.GOT_PAGE;
  }

  /** The candidate to kill among the set bits of {@code killable}: a data choice when several. */
  private static int pick(TaskRuntime rt, long killable) {
    int n = Long.bitCount(killable);
    int k = n == 1 ? 0 : rt.choose(n);
    long bits = killable;
    for (int i = 0; i < k; i++) {
      bits &= bits - 1;
    }
    return Long.numberOfTrailingZeros(bits);
  }

  /** {@code __free_page()}: the calling task frees one of its pages. */
  public void freePage() {
    freePages(1);
  }

  /** Frees {@code n} of the calling task's pages; freeing more than it holds is a violation. */
  public void freePages(int n) {
    ModelRuntime.current().perform(new MemOp(state, Kind.FREE, null, n, null));
  }

  /** {@code exit_mmap()}: the calling task frees every page it holds. */
  public void freeAllPages() {
    ModelRuntime.current().perform(new MemOp(state, Kind.FREE_ALL, null, 0, null));
  }

  /** {@code nr_free_pages()}. */
  public int nrFreePages() {
    return (int) ModelRuntime.current().perform(new MemOp(state, Kind.NR_FREE, null, 0, null));
  }

  public String name() {
    return state.name();
  }
}
