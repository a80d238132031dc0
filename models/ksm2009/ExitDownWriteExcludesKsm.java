package ksm2009;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * S12 fixed: "[PATCH 13/12] ksm: fix munlock during exit_mmap deadlock" v2, the version that went
 * in ("Acked-for-now" [T L7697, L7880]). {@code mmput()} calls {@code ksm_exit()} before {@code
 * exit_mmap()} again, and {@code __ksm_exit} does "its little down_write,up_write dance" [T L6352]
 * there; mm/memory.c has no {@code ksm_test_exit()}s [T L7104-L7158].
 *
 * <p>The {@code down_write} waits for every reader, so it is a barrier: a ksmd that took {@code
 * mmap_sem} for read before the barrier finishes its {@code break_cow} before {@code exit_mmap}
 * zaps anything, and a ksmd that takes it after the barrier sees {@code mm_users == 0} in {@code
 * ksm_test_exit()} and does not fault. Andrea: "ksm_exit if there are rmap_items still chained on
 * this mm slot, will take mmap_sem write side so preventing ksm to keep working on a mm while
 * exit_mmap runs. And ksm will bail out as soon as it notices that mm_users is already zero" [T
 * L7052-L7055]. SAFE: no pte is instantiated after the final zap, and no page table is walked
 * after {@code free_pgtables()}, without any check in the fault path. The step that makes it so is
 * the write mode of the barrier: a test takes it in read mode and gets the VIOLATION of {@link
 * ExitDownReadDoesNotExcludeKsm}.
 *
 * <p>What v2 costs under memory pressure is S13 ({@link KsmExitBarrierBeforeFreeing}); this model
 * has none: the fault's page allocation always succeeds and is not modelled.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L7044-L7175 (13/12 v2), L6351-L6357, L2709-L2717"
        + " (break_cow)")
public class ExitDownWriteExcludesKsm {
  static final int VM_FAULT_WRITE = 0x8;
  static final int KSM_PAGE = 1;
  static final int ANON_PAGE = 2;
  static final int ZAPPED = 3;
  static final int PGTABLE_FREED = 4;

  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final SpinLock ptl = new SpinLock("&mm->page_table_lock"); // pte_lockptr(), split ptlocks off
  final AtomicCounter mmUsers = new AtomicCounter("mm->mm_users", 1);
  /**
   * The exiting process's one KSM-merged pte; ZAPPED is pte_none after exit_mmap's final zap, and
   * PGTABLE_FREED says free_pgtables() freed the page table it lives in.
   */
  int pte = KSM_PAGE;

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
    int orig = followPage(); //                           entry = *pte;  then alloc_page_vma()
    int ret = 0;
    ptl.lock(); //                                        pte_offset_map_lock(mm, pmd, address, &ptl);
    if (orig == ZAPPED) { //                              do_anonymous_page():
      if (pte == ZAPPED) { //                             if (!pte_none(*page_table)) goto release;
        setPte(ANON_PAGE); //                             set_pte_at(mm, address, page_table, entry);
      }
    } else if (pte == orig) { //                          do_wp_page(): if (pte_same(*page_table, orig_pte))
      setPte(ANON_PAGE); //                                   set_pte_at_notify(mm, address, page_table, entry);
      ret = VM_FAULT_WRITE;
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
    } while ((ret & VM_FAULT_WRITE) == 0);
  }

  /** ksm_scan_thread() -> ksm_do_scan(): replaces a now-unshared KSM page of the process. */
  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock(); //                             mutex_lock(&ksm_thread_mutex);
    mmapSem.downRead(); //                                break_cow(rmap_item->mm, ...): down_read(&mm->mmap_sem);
    if (mmUsers.read() != 0) { //                         if (ksm_test_exit(mm)) goto out;
      breakKsm(); //                                      find_vma(mm, addr); break_ksm(vma, addr);
    }
    mmapSem.upRead(); //                                  out: up_read(&mm->mmap_sem);
    ksmThreadMutex.unlock(); //                           mutex_unlock(&ksm_thread_mutex);
  }

  /** The last thread of a process with merged pages leaves: mmput() with v2 applied. */
  @Task("exit")
  void exit() {
    if (mmUsers.decAndTest()) { //                        mmput(): if (atomic_dec_and_test(&mm->mm_users)) {
      // ksm_exit(mm) -> __ksm_exit(): its mm_slot (under ksm_mmlist_lock) has rmap_items
      mmapSem.downWrite(); //                             down_write(&mm->mmap_sem);
      mmapSem.upWrite(); //                               up_write(&mm->mmap_sem);
      ptl.lock(); //                                      exit_mmap(): unmap_vmas() -> zap_pte_range()
      pte = ZAPPED;
      ptl.unlock();
      pte = PGTABLE_FREED; //                             free_pgtables(tlb, vma, FIRST_USER_ADDRESS, 0);
    }
  }
}
