package ksm2009;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.kernel.GfpFlags;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.OomKiller;
import org.lockmc.kernel.PageAllocator;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.kernel.WaitQueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * S9, before "[PATCH 9/12] ksm: fix oom deadlock": "imagine ksmd or KSM_RUN_UNMERGE handling,
 * holding ksm_thread_mutex, trying to allocate a page to break KSM in an mm which becomes the OOM
 * victim (quite likely in the unmerge case): it's killed and goes to exit, and hangs there waiting
 * to acquire ksm_thread_mutex." [T L2570-L2574]
 *
 * <p>ksmd holds {@code ksm_thread_mutex} for its scan batch and breaks COW on the victim's KSM
 * page ({@code break_cow}, added to the scan by 4/12 [T L1049-L1062]) with the victim's {@code
 * mmap_sem} held for read. The victim's memory fills the machine, so the allocation runs the OOM
 * killer, which kills the victim. The victim's {@code mmput()} calls {@code __ksm_exit()}, which
 * takes {@code ksm_thread_mutex} before {@code exit_mmap()} frees any memory. DEADLOCK: ksmd holds
 * the mutex and waits for memory only the victim can free; the victim waits for the mutex.
 *
 * <p>The rules that make the verdict: a task blocked in the page allocator notices nothing ("No,
 * not while it's down inside page allocation." [T L7780]), and the exiting victim needs the mutex
 * before it frees its pages. Memory is the hidden edge, so lockdep's graph ({@code
 * ksm_thread_mutex} before {@code &mm->mmap_sem} and {@code ksm_mmlist_lock}) has no cycle. A
 * test lets the victim free its memory before {@code __ksm_exit()} and gets SAFE; {@link
 * KsmExitBarrierAfterFreeing} is the patch.
 *
 * <p>The victim is the only process the OOM killer can choose, and ksmd, "having no mm, would
 * never be chosen" [T L1823-L1824]. It stands for a machine where every killable process is
 * registered with KSM (every guest of a KVM host, say): each victim queues on the mutex in turn.
 * A killable process that needs no {@code ksm_thread_mutex} to exit would be killed next, with the
 * 2009 OOM killer's skipping of tasks whose {@code p->mm} is NULL [T L7748-L7752], and would free
 * memory; the thread does not discuss that for 9/12 and calls the scenario a deadlock throughout.
 * With {@code echo 2 > run} instead of ksmd, the shell process is such a candidate itself. The
 * victim may also exit by itself (a data choice), which deadlocks the same way: what matters is an
 * exit that needs the mutex while ksmd waits for the memory the exiting process holds. Simplified: one mm with one KSM page, one page of memory; {@code exit_mm}'s {@code
 * down_read/up_read} of {@code mmap_sem} is left out (no writer is queued, so it cannot block).
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L2570-L2574 (the deadlock), L1049-L1062 (4/12: ksmd's"
        + " break_cow), L1333-L1355 (break_cow), L1791-L1837 (break_ksm after 7/12), L2691-L2696"
        + " (mmput calls ksm_exit before exit_mmap), L2917-L2970 (__ksm_exit takes"
        + " ksm_thread_mutex, '-' lines), L1820-L1824, L7780")
public class KsmExitTakesThreadMutex {
  static final int VM_FAULT_OOM = 0x1;
  static final int VM_FAULT_WRITE = 0x8;
  static final int KSM_PAGE = 1;
  static final int ANON_PAGE = 2;
  static final int ZAPPED = 3;

  final OomKiller oom = new OomKiller(OomKiller.Policy.SKIP_TASKS_WITHOUT_MM);
  final PageAllocator memory = new PageAllocator("memory", 1, oom);
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  final SpinLock ksmMmlistLock = new SpinLock("ksm_mmlist_lock");
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final SpinLock ptl = new SpinLock("&mm->page_table_lock"); // pte_lockptr(), split ptlocks off
  final AtomicCounter mmUsers = new AtomicCounter("mm->mm_users", 1);
  final WaitQueue pause = new WaitQueue("pause");
  /** The victim's one KSM-merged pte. */
  int pte = KSM_PAGE;

  /** handle_mm_fault(mm, vma, addr, FAULT_FLAG_WRITE) on the KSM page: do_wp_page(). */
  int handleMmFault(int orig) {
    if (!memory.allocPage(GfpFlags.GFP_HIGHUSER)) { //   new_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, ...)
      return VM_FAULT_OOM;
    }
    int ret = 0;
    ptl.lock(); //                                        pte_offset_map_lock(mm, pmd, address, &ptl);
    if (pte == orig) { //                                 if (likely(pte_same(*page_table, orig_pte))) {
      pte = ANON_PAGE; //                                     set_pte_at_notify(mm, address, page_table, entry);
      ret = VM_FAULT_WRITE;
    } else {
      memory.freePage(); //                               } else page_cache_release(new_page);
    }
    ptl.unlock(); //                                      pte_unmap_unlock(page_table, ptl);
    return ret;
  }

  /** break_ksm(vma, addr) as 7/12 left it; cond_resched() left out (the loop runs once here). */
  void breakKsm() {
    int ret;
    do {
      int page = pte; //                                  page = follow_page(vma, addr, FOLL_GET);
      if (page == ZAPPED) {
        break; //                                         if (!page) break;
      }
      ret = page == KSM_PAGE ? handleMmFault(page) : VM_FAULT_WRITE; // PageKsm(page) ? handle_mm_fault() : ...
    } while ((ret & (VM_FAULT_WRITE | VM_FAULT_OOM)) == 0);
  }

  /** ksm_scan_thread() -> ksm_do_scan(): replaces a now-unshared KSM page of the victim. */
  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock(); //                             mutex_lock(&ksm_thread_mutex);
    mmapSem.downRead(); //                                break_cow(rmap_item->mm, ...): down_read(&mm->mmap_sem);
    breakKsm(); //                                        find_vma(mm, addr); break_ksm(vma, addr);
    mmapSem.upRead(); //                                  up_read(&mm->mmap_sem);
    ksmThreadMutex.unlock(); //                           mutex_unlock(&ksm_thread_mutex);
  }

  /** A process with merged pages, exiting or the OOM killer's choice; its only candidate. */
  @Task("victim")
  void victim() {
    oom.registerCandidate(); //                           a user process: it has an mm
    memory.allocPage(GfpFlags.GFP_HIGHUSER); //           its own memory fills the machine
    if (Kernel.chooseBoolean()) { //                      exits by itself, or
      pause.waitEventInterruptible(() -> false); //       runs in user space until SIGKILL
    }
    oom.exitMm(); //                                      do_exit() -> exit_mm(): tsk->mm = NULL;
    if (mmUsers.decAndTest()) { //                        mmput(): if (atomic_dec_and_test(&mm->mm_users)) {
      ksmThreadMutex.lock(); //                           ksm_exit() -> __ksm_exit(): mutex_lock(&ksm_thread_mutex);
      ksmMmlistLock.lock(); //                            spin_lock(&ksm_mmlist_lock);
      ksmMmlistLock.unlock(); //                          remove rmap_items, mm_slot; spin_unlock(&ksm_mmlist_lock);
      ksmThreadMutex.unlock(); //                         mutex_unlock(&ksm_thread_mutex);
      ptl.lock(); //                                      exit_mmap(): unmap_vmas() -> zap_pte_range()
      pte = ZAPPED;
      ptl.unlock();
      memory.freeAllPages(); //                           tlb_finish_mmu(): the pages are freed
    }
  }
}
