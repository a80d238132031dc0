package ksm2009;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.kernel.BitWord;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * S11 fixed by "[PATCH 13/12] ksm: fix munlock during exit_mmap deadlock" v2: the {@code
 * ksm_test_exit()}s are gone from mm/memory.c [T L7137-L7158], so the fault that exit-time munlock
 * takes on a page that is not present instantiates its pte, {@code follow_page} finds it, and
 * {@code __get_user_pages} returns. {@code ksm_exit()} is back in {@code mmput()} before {@code
 * exit_mmap()} [T L7104-L7109], and does nothing for a process that never used KSM.
 *
 * <p>Same process as {@link ExitMunlockFaultLoops}: it did {@code mlockall()} and exits with a
 * PROT_NONE libc page that mlock never faulted in [T L8336-L8338]. SAFE: the exit finishes. The
 * step that makes it so is the removed check; a test puts it back and gets the LIVELOCK again.
 * Justin tested v2: "After review and testing, this patch passes my tests with KSM enabled." [T
 * L7545]. Hugh's "right" fix, munlock by {@code follow_page()} without faulting [T L6311-L6329],
 * came separately and is not modelled.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L7044-L7058 (v2 description), L7100-L7111 (mmput),"
        + " L7150-L7158 (__do_fault), L7159-L7175 (exit_mmap), L7545")
public class ExitMunlockFaultCompletes {
  static final int MMF_VM_MERGEABLE = 16;
  static final int NO_PAGE = 0;
  static final int FILE_PAGE = 1;
  static final int ZAPPED = 3;

  final SpinLock ptl = new SpinLock("&mm->page_table_lock"); // pte_lockptr(), split ptlocks off
  final AtomicCounter mmUsers = new AtomicCounter("mm->mm_users", 1);
  final BitWord mmFlags = new BitWord("mm->flags");
  /** The pte of the PROT_NONE libc page in the locked vma: mlock did not fault it in. */
  int pte = NO_PAGE;
  /** VM_LOCKED in the vma's vm_flags. */
  boolean vmLocked = true;

  /** handle_mm_fault() -> __do_fault() on the file-backed page, 13/12 v2. */
  int handleMmFault() {
    int orig = pte; //                                    entry = *pte;  filemap_fault() finds the page
    ptl.lock(); //                                        page_table = pte_offset_map_lock(mm, pmd, address, &ptl);
    if (pte == orig) { //                                 if (likely(pte_same(*page_table, orig_pte))) {
      pte = FILE_PAGE; //                                     set_pte_at(mm, address, page_table, entry);
    }
    ptl.unlock(); //                                      pte_unmap_unlock(page_table, ptl);
    return 0;
  }

  /** The last thread of an mlockall()ed process leaves. */
  @Task("exit")
  void exit() {
    if (mmUsers.decAndTest()) { //                        mmput(): if (atomic_dec_and_test(&mm->mm_users)) {
      mmFlags.testBit(MMF_VM_MERGEABLE); //               ksm_exit(mm): not a KSM user
      if (vmLocked) { //                                  exit_mmap(): if (vma->vm_flags & VM_LOCKED)
        vmLocked = false; //                              munlock_vma_pages_all(): vma->vm_flags &= ~VM_LOCKED;
        while (pte == NO_PAGE) { //                       __get_user_pages(): while (!(page = follow_page(...))) {
          handleMmFault(); //                                 ret = handle_mm_fault(mm, vma, start, 0);
          Kernel.condResched(); //                            cond_resched();
        } //                                              }  munlock_vma_page(page);
      }
      ptl.lock(); //                                      unmap_vmas() -> zap_pte_range()
      pte = ZAPPED;
      ptl.unlock();
    } //                                                  free_pgtables(); tlb_finish_mmu();
  }
}
