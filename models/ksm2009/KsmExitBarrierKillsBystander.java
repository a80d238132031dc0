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
 * S13, after "[PATCH 13/12] ksm: fix munlock during exit_mmap deadlock" v2, with another process
 * the OOM killer can kill: "it's not a deadlock, because p->mm is NULL now, so next time around
 * the OOM killer will skip it ... and select another candidate to kill, and that should free up a
 * page to let break_ksm get out to the next mm_users 0 test." [T L7748-L7752]
 *
 * <p>{@link KsmExitBarrierBeforeFreeing} plus a bystander: a process with memory of its own that
 * has nothing to do with KSM. When ksmd is blocked in the allocator and the victim waits in {@code
 * down_write}, the OOM killer skips the victim (its {@code p->mm} is NULL) and kills the
 * bystander, whose exit frees a page; the COW completes, ksmd drops {@code mmap_sem}, the victim's
 * barrier passes and it frees its memory. SAFE: no deadlock, as Hugh concluded after testing.
 *
 * <p>The degradation Hugh reports, "the OOM killer killing the wrong process" [T L7732-L7738], is
 * a policy failure, not a state a check can flag. The model shows it as a fact about its
 * executions, asserted by a test that watches the OOM killer: whenever ksmd's allocation killed
 * the victim, ksmd went on to kill the bystander too, the only way forward. The rule that makes
 * SAFE is the 2009 OOM killer's skipping of tasks without an mm: a test switches the policy to
 * waiting for the victim to free its memory ({@link KsmExitBarrierOomWaitsForVictim}) and gets a
 * HANG, and without the bystander the model is a DEADLOCK ({@link KsmExitBarrierBeforeFreeing}).
 *
 * <p>Scaffolding: the victim and the bystander run in user space ({@code pause()}) until killed,
 * or until ksmd's scan batch is over, when they exit normally; without that, an execution in which
 * the OOM killer chose the bystander first would end with the victim paused for ever, which is no
 * kernel hang. Every choice of the OOM killer is explored: the model does not rank candidates by
 * {@code total_vm} as {@code badness()} does [T L8898-L8899].
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L7104-L7135 (13/12 v2: ksm_exit before exit_mmap),"
        + " L7137-L7175 (memory.c checks removed; exit_mmap), L2709-L2717 (break_cow),"
        + " L7722-L7752 (Hugh's tests: the wrong process is killed), L7754-L7757")
public class KsmExitBarrierKillsBystander {
  static final int VM_FAULT_OOM = 0x1;
  static final int VM_FAULT_WRITE = 0x8;
  static final int KSM_PAGE = 1;
  static final int ANON_PAGE = 2;
  static final int ZAPPED = 3;
  static final int PGTABLE_FREED = 4;

  final OomKiller oom = new OomKiller(OomKiller.Policy.SKIP_TASKS_WITHOUT_MM);
  final PageAllocator memory = new PageAllocator("memory", 2, oom);
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final SpinLock ptl = new SpinLock("&mm->page_table_lock"); // pte_lockptr(), split ptlocks off
  final AtomicCounter mmUsers = new AtomicCounter("mm->mm_users", 1);
  final WaitQueue pause = new WaitQueue("pause");
  final WaitQueue bystanderPause = new WaitQueue("pause");
  /** ksmd's scan batch is over: processes still alive leave pause() and exit normally. */
  boolean scanDone;
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
    scanDone = true; //                                   scaffolding: the scenario is over
    pause.wakeUp();
    bystanderPause.wakeUp();
  }

  /** A process with merged pages; ksmd is breaking COW on one of them. */
  @Task("victim")
  void victim() {
    oom.registerCandidate(); //                           a user process: it has an mm
    memory.allocPage(GfpFlags.GFP_HIGHUSER); //           its own memory fills the machine
    pause.waitEventInterruptible(() -> scanDone); //      user space until SIGKILL (or scaffolding)
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

  /** Another process, not using KSM: the OOM killer's next candidate. */
  @Task("bystander")
  void bystander() {
    oom.registerCandidate(); //                           a user process: it has an mm
    memory.allocPage(GfpFlags.GFP_HIGHUSER); //           its own memory
    bystanderPause.waitEventInterruptible(() -> scanDone); // user space until SIGKILL (or ...)
    oom.exitMm(); //                                      do_exit() -> exit_mm(): tsk->mm = NULL;
    memory.freeAllPages(); //                             mmput() -> exit_mmap(): pages freed
  }
}
