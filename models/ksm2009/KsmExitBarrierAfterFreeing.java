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
 * S9 and S10, after "[PATCH 9/12] ksm: fix oom deadlock": {@code __ksm_exit} no longer takes
 * {@code ksm_thread_mutex}. It is called from the middle of {@code exit_mmap}, "after the mm's
 * pages have been freed (if the mmu_gather is flushed), but before its page tables and vma
 * structures have been freed", and does a {@code down_write,up_write} of {@code mmap_sem} there
 * [T L2587-L2591]. KSM checks {@code ksm_test_exit(mm)} ({@code mm_users == 0}) after each {@code
 * down_read}, and the fault handlers refuse to instantiate a pte once {@code mm_users} is 0 [T
 * L2593-L2604, L2986-L3002].
 *
 * <p>Same scene as {@link KsmExitTakesThreadMutex}: ksmd is blocked in the allocator with {@code
 * ksm_thread_mutex} and the victim's {@code mmap_sem} held, and the OOM killer kills the victim.
 * Now the victim zaps its ptes and frees its pages before it waits for anything; the allocation
 * succeeds, the COW backs out ({@code pte_same} fails), {@code break_ksm} finds no page, {@code
 * up_read} lets the victim's {@code down_write} through, and only then are page tables freed.
 * SAFE. The step that makes it so: memory is freed before the barrier. A test moves the freeing
 * after the {@code down_write} and gets the deadlock back, on {@code mmap_sem} this time (that is
 * S13, {@link KsmExitBarrierBeforeFreeing}).
 *
 * <p>The model also checks S10, the memory safety the barrier and the {@code ksm_test_exit()}s
 * keep: KSM never walks page tables that {@code free_pgtables()} freed, and never instantiates a
 * pte after {@code exit_mmap}'s final zap ("to stop ptes being instantiated after the final zap
 * thinks it's wiped the pagetables" [T L6355-L6357]). A test removes the {@code ksm_test_exit()}
 * from {@code do_anonymous_page} and gets that violation: when the process exits by itself (the
 * model lets it exit either way), ksmd's fault can find the pte zapped after {@code follow_page}
 * saw the KSM page ({@code mm_users} "may go to 0 and exit_mmap proceed while one of
 * handle_pte_fault's helpers is waiting to allocate a page (for example; but SMP could race
 * anywhere)" [T L6842-L6846]). Simplified: one mm with one KSM page on which ksmd holds an
 * rmap_item (so {@code __ksm_exit} always takes the barrier), one page of memory.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L2576-L2617 (9/12 description), L2652-L2663"
        + " (ksm_test_exit), L2709-L2717 (break_cow), L2917-L2981 (__ksm_exit), L2986-L3002"
        + " (mm/memory.c checks), L3016-L3029 (exit_mmap), L6842-L6846")
public class KsmExitBarrierAfterFreeing {
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

  /** handle_mm_fault(mm, vma, addr, FAULT_FLAG_WRITE). */
  int handleMmFault() {
    int orig = followPage(); //                           entry = *pte;  (handle_pte_fault)
    if (!memory.allocPage(GfpFlags.GFP_HIGHUSER)) { //   alloc_page_vma(GFP_HIGHUSER_MOVABLE, ...)
      return VM_FAULT_OOM;
    }
    int ret = 0;
    ptl.lock(); //                                        pte_offset_map_lock(mm, pmd, address, &ptl);
    if (orig == ZAPPED) { //                              do_anonymous_page():
      if (pte != ZAPPED || ksmTestExit()) { //            if (!pte_none(*page_table) || ksm_test_exit(mm))
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
      ptl.lock(); //                                      exit_mmap(): unmap_vmas() -> zap_pte_range()
      pte = ZAPPED;
      ptl.unlock();
      // ksm_exit(mm, &tlb, end) -> __ksm_exit(): its mm_slot (under ksm_mmlist_lock) has rmap_items
      memory.freeAllPages(); //                           tlb_finish_mmu(*tlbp, 0, end): pages freed
      mmapSem.downWrite(); //                             down_write(&mm->mmap_sem);
      mmapSem.upWrite(); //                               up_write(&mm->mmap_sem);
      pte = PGTABLE_FREED; //                             free_pgtables(tlb, vma, FIRST_USER_ADDRESS, 0);
    }
  }
}
