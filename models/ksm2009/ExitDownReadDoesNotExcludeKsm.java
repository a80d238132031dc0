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
 * S12: Andrea's first "[PATCH 13/12] ksm: fix munlock during exit_mmap deadlock" (v1), rejected.
 * It removes 9/12's {@code ksm_test_exit()}s from mm/memory.c and adds {@code
 * down_read(&mm->mmap_sem); up_read(&mm->mmap_sem);} to {@code mmput()} before {@code exit_mmap()}
 * "so that taking mmap_sem and checking mm_users > 0 is enough for ksm to serialize against
 * exit_mmap" [T L6145-L6176, L6186-L6203]; 9/12's {@code ksm_exit()} in the middle of {@code
 * exit_mmap()} stays.
 *
 * <p>Hugh: "Sorry, I just don't get it. How does down_read here help? Perhaps you thought ksm.c
 * had down_write of mmap_sem in all cases?" [T L6608-L6609]. ksmd holds {@code mmap_sem} for read
 * in {@code break_cow}, and readers do not exclude readers: the exiting task's {@code down_read}
 * succeeds at once and {@code exit_mmap} zaps the ptes while ksmd, past its {@code
 * ksm_test_exit()} and its {@code follow_page()}, is about to fault. With the memory.c checks gone,
 * {@code do_anonymous_page} finds the pte none and instantiates a new one after the final zap:
 * the race 9/12 closed ("hence the ksm_test_exits in mm/memory.c, to stop ptes being instantiated
 * after the final zap thinks it's wiped the pagetables" [T L6351-L6357]). VIOLATION.
 *
 * <p>The rule that makes the verdict: {@code down_read} waits only for writers. A test turns v1's
 * {@code down_read/up_read} into {@code down_write/up_write} and gets SAFE (Andrea: "Looking ksm.c
 * it should have been down_write indeed..." [T L6757]; Hugh: that "will just reintroduce the OOM
 * deadlock that 9/12 was about solving" [T L6612-L6613], which is {@link
 * KsmExitBarrierBeforeFreeing}); another puts the memory.c check back and also gets SAFE. Page
 * tables stay safe: 9/12's barrier in {@code exit_mmap} still comes before {@code
 * free_pgtables()}. No memory pressure here: the fault's page allocation always succeeds and is
 * not modelled.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L6143-L6203 (13/12 v1), L6351-L6357, L6608-L6613"
        + " (Hugh's objection), L2709-L2717 (break_cow), L2975-L2981 and L3016-L3029"
        + " (9/12's barrier inside exit_mmap)")
public class ExitDownReadDoesNotExcludeKsm {
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

  /** handle_mm_fault(mm, vma, addr, FAULT_FLAG_WRITE); v1: no ksm_test_exit() in here. */
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

  /** The last thread of a process with merged pages leaves: mmput() with v1 applied. */
  @Task("exit")
  void exit() {
    if (mmUsers.decAndTest()) { //                        mmput(): if (atomic_dec_and_test(&mm->mm_users)) {
      mmapSem.downRead(); //                              down_read(&mm->mmap_sem);   (v1)
      mmapSem.upRead(); //                                up_read(&mm->mmap_sem);     (v1)
      ptl.lock(); //                                      exit_mmap(): unmap_vmas() -> zap_pte_range()
      pte = ZAPPED;
      ptl.unlock();
      // ksm_exit(mm, &tlb, end) -> __ksm_exit(): its mm_slot (under ksm_mmlist_lock) has rmap_items
      mmapSem.downWrite(); //                             tlb_finish_mmu(); down_write(&mm->mmap_sem);
      mmapSem.upWrite(); //                               up_write(&mm->mmap_sem);
      pte = PGTABLE_FREED; //                             free_pgtables(tlb, vma, FIRST_USER_ADDRESS, 0);
    }
  }
}
