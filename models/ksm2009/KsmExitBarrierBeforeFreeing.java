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
 * S13, after "[PATCH 13/12] ksm: fix munlock during exit_mmap deadlock" v2, when the OOM killer
 * has nobody else to kill. v2 calls {@code ksm_exit()} from {@code mmput()} again, before {@code
 * exit_mmap()}, and removes the {@code ksm_test_exit()}s from mm/memory.c [T L7104-L7109,
 * L7126-L7158]; {@code __ksm_exit} keeps its {@code down_write,up_write} of {@code mmap_sem},
 * which now comes before the victim has freed any memory.
 *
 * <p>ksmd holds the victim's {@code mmap_sem} for read in {@code break_cow} and is blocked in the
 * allocator; the OOM killer kills the victim, which "reaches the down_write of mmap_sem and hangs
 * there, before it has freed the memory wanted (because you repositioned ksm_exit)" [T
 * L7740-L7744]. The allocation cannot see that {@code mm_users} is 0 [T L7746-L7747, L7780]. The
 * OOM killer skips the victim ({@code p->mm == NULL}) and has no other candidate. DEADLOCK: ksmd
 * waits for memory only the victim can free, the victim waits in {@code down_write} for ksmd's
 * read hold. Lockdep sees no cycle: the memory edge is invisible to it.
 *
 * <p>The rules that make the verdict: a writer waits for every current reader, and this reader is
 * in the page allocator, which polls nothing. A test moves the freeing of pages before the {@code
 * down_write} (9/12's placement, {@link KsmExitBarrierAfterFreeing}) and gets SAFE.
 *
 * <p>Where the thread differs: Hugh first predicted this deadlock [T L6831-L6835], then, after
 * testing {@code echo 2 > run}, wrote "it's not a deadlock, because p->mm is NULL now, so next time
 * around the OOM killer will skip it ... and select another candidate to kill" [T L7748-L7752].
 * Both hold: with another killable process the model makes progress by killing it ({@link
 * KsmExitBarrierKillsBystander}); with none, as here, nothing can free memory. The thread does not
 * discuss the no-other-candidate case, so this verdict is the model's, not the thread's. It needs
 * an unkillable allocator: ksmd has no mm [T L1823-L1824] ("which behaves as could happen when
 * ksmd is COWing" [T L7732-L7734]); with {@code echo 2}, the shell itself is a candidate, and
 * killing it makes its allocation fail and the unmerge back out (Hugh's "kill-me-first" [T
 * L8217-L8220]); and a process unmerging itself with {@code MADV_UNMERGEABLE} "correctly detects
 * ... the pending SIGKILL, and backs out" [T L7726-L7730], as in {@link BreakKsmReturnsOnOom}.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L7104-L7135 (13/12 v2: ksm_exit before exit_mmap),"
        + " L7137-L7175 (memory.c checks removed; exit_mmap), L2709-L2717 (break_cow),"
        + " L6831-L6835, L7732-L7752 (the analysis), L7780")
public class KsmExitBarrierBeforeFreeing {
  static final int VM_FAULT_OOM = 0x1;
  static final int VM_FAULT_WRITE = 0x8;
  static final int KSM_PAGE = 1;
  static final int ANON_PAGE = 2;
  static final int ZAPPED = 3;
  static final int PGTABLE_FREED = 4;

  final OomKiller oom = new OomKiller(OomKiller.Policy.SKIP_TASKS_WITHOUT_MM);
  final PageAllocator memory = new PageAllocator("memory", 1, oom);
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final SpinLock ptl = new SpinLock("&mm->page_table_lock"); // pte_lockptr(), split ptlocks off
  final AtomicCounter mmUsers = new AtomicCounter("mm->mm_users", 1);
  final WaitQueue pause = new WaitQueue("pause");
  /**
   * The victim's one KSM-merged pte; ZAPPED is pte_none after exit_mmap's final zap, and
   * PGTABLE_FREED says free_pgtables() freed the page table it lives in.
   */
  int pte = KSM_PAGE;

  boolean ksmTestExit() {
    return mmUsers.read() == 0; //                        atomic_read(&mm->mm_users) == 0
  }

  /** follow_page(vma, addr, FOLL_GET), and handle_pte_fault()'s entry = *pte. */
  int followPage() {
    int p = pte;
    Kernel.check(p != PGTABLE_FREED, "KSM walked a page table that free_pgtables() freed");
    return p;
  }

  /** set_pte_at(): instantiates the pte, with the page table lock held. */
  void setPte(int entry) {
    Kernel.check(pte != ZAPPED, "break_ksm instantiated a pte after exit_mmap's final zap");
    pte = entry;
  }

  /** handle_mm_fault(mm, vma, addr, FAULT_FLAG_WRITE); v2: no ksm_test_exit() in here. */
  int handleMmFault() {
    int orig = followPage(); //                           entry = *pte;  (handle_pte_fault)
    if (!memory.allocPage(GfpFlags.GFP_HIGHUSER)) { //   alloc_page_vma(GFP_HIGHUSER_MOVABLE, ...)
      return VM_FAULT_OOM;
    }
    int ret = 0;
    ptl.lock(); //                                        pte_offset_map_lock(mm, pmd, address, &ptl);
    if (orig == ZAPPED) { //                              do_anonymous_page():
      if (pte != ZAPPED) { //                             if (!pte_none(*page_table))
        memory.freePage(); //                                 goto release;
      } else {
        setPte(ANON_PAGE); //                             set_pte_at(mm, address, page_table, entry);
      }
    } else if (pte == orig) { //                          do_wp_page(): if (pte_same(*page_table, orig_pte))
      setPte(ANON_PAGE); //                                   set_pte_at_notify(mm, address, page_table, entry);
      ret = VM_FAULT_WRITE;
    } else {
      memory.freePage(); //                               else page_cache_release(new_page);
    }
    ptl.unlock(); //                                      pte_unmap_unlock(page_table, ptl);
    return ret;
  }

  /** break_ksm(vma, addr); cond_resched() left out (the loop runs at most twice here). */
  void breakKsm() {
    int ret;
    do {
      int page = followPage(); //                         page = follow_page(vma, addr, FOLL_GET);
      if (page == ZAPPED) {
        break; //                                         if (!page) break;
      }
      ret = page == KSM_PAGE ? handleMmFault() : VM_FAULT_WRITE; // PageKsm(page) ? handle_mm_fault() : ...
    } while ((ret & (VM_FAULT_WRITE | VM_FAULT_OOM)) == 0);
  }

  /** ksm_scan_thread() -> ksm_do_scan(): replaces a now-unshared KSM page of the victim. */
  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock(); //                             mutex_lock(&ksm_thread_mutex);
    mmapSem.downRead(); //                                break_cow(rmap_item->mm, ...): down_read(&mm->mmap_sem);
    if (!ksmTestExit()) { //                              if (ksm_test_exit(mm)) goto out;
      breakKsm(); //                                      find_vma(mm, addr); break_ksm(vma, addr);
    }
    mmapSem.upRead(); //                                  out: up_read(&mm->mmap_sem);
    ksmThreadMutex.unlock(); //                           mutex_unlock(&ksm_thread_mutex);
  }

  /** A process with merged pages: the OOM killer's only candidate. */
  @Task("victim")
  void victim() {
    oom.registerCandidate(); //                           a user process: it has an mm
    memory.allocPage(GfpFlags.GFP_HIGHUSER); //           its own memory fills the machine
    pause.waitEventInterruptible(() -> false); //         user space until SIGKILL
    oom.exitMm(); //                                      do_exit() -> exit_mm(): tsk->mm = NULL;
    if (mmUsers.decAndTest()) { //                        mmput(): if (atomic_dec_and_test(&mm->mm_users)) {
      // ksm_exit(mm) -> __ksm_exit(): its mm_slot (under ksm_mmlist_lock) has rmap_items
      mmapSem.downWrite(); //                             down_write(&mm->mmap_sem);
      mmapSem.upWrite(); //                               up_write(&mm->mmap_sem);
      ptl.lock(); //                                      exit_mmap(): unmap_vmas() -> zap_pte_range()
      pte = ZAPPED;
      ptl.unlock();
      pte = PGTABLE_FREED; //                             free_pgtables(tlb, vma, FIRST_USER_ADDRESS, 0);
      memory.freeAllPages(); //                           tlb_finish_mmu(tlb, 0, end): pages freed
    }
  }
}
