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
 * S11, after "[PATCH 9/12] ksm: fix oom deadlock": the {@code ksm_test_exit()} that 9/12 added to
 * {@code __do_fault} and {@code do_anonymous_page} [T L2986-L3002] makes every fault on an mm
 * whose {@code mm_users} is 0 back out silently, and {@code exit_mmap()} faults: it munlocks the
 * {@code VM_LOCKED} vmas first, and munlock (in its 2.6.31 implementation) faults in any page that
 * is not present. "mlock calls gup and pretends to page fault successfully if there's a vma
 * existing on the region, but it doesn't page fault anymore because of the mm_count being 0
 * already, so follow_page fails and gup retries the page fault forever." [T L6083-L6087]
 *
 * <p>One task, a process that did {@code mlockall(MCL_CURRENT|MCL_FUTURE)} and exits, with one
 * page not present in a locked vma: "the faulting page is a PROT_NONE page of libc, yes, that
 * figures: mlocking would not fault it in, but munlocking would (in its current implementation)
 * insist on faulting it" [T L8336-L8338]. No KSM user is needed: the check tests only {@code
 * mm_users} (reference, section 6.2). LIVELOCK: {@code __get_user_pages} loops {@code follow_page}
 * / {@code handle_mm_fault} / {@code cond_resched} without end, so the process never finishes
 * exiting ("the hang I've introduced to Rawhide" [T L7759-L7760]). The thread calls it a deadlock;
 * no lock is involved, and lockdep is silent.
 *
 * <p>The rule that makes the verdict: the fault handler refuses to instantiate a pte once {@code
 * mm_users} is 0, and returns no error, so gup's loop cannot tell. {@link
 * ExitMunlockFaultCompletes} is 13/12 v2, which removes the check. Simplified: the munlock and gup
 * flags ({@code GUP_FLAGS_IGNORE_VMA_PERMISSIONS}, {@code GUP_FLAGS_IGNORE_SIGKILL}) are implied,
 * and {@code filemap_fault} always finds the page in the page cache.
 */
@LockModel(expect = Verdict.LIVELOCK, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L6083-L6087 (the report), L2997-L3005 (__do_fault's"
        + " ksm_test_exit), L3016-L3029 (exit_mmap after 9/12), L6306-L6320, L8336-L8338")
public class ExitMunlockFaultLoops {
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

  boolean ksmTestExit() {
    return mmUsers.read() == 0; //                        atomic_read(&mm->mm_users) == 0
  }

  /** handle_mm_fault() -> __do_fault() on the file-backed page, as 9/12 left it. */
  int handleMmFault() {
    int orig = pte; //                                    entry = *pte;  filemap_fault() finds the page
    ptl.lock(); //                                        page_table = pte_offset_map_lock(mm, pmd, address, &ptl);
    if (pte == orig && !ksmTestExit()) { //               if (likely(pte_same(*page_table, orig_pte) && !ksm_test_exit(mm))) {
      pte = FILE_PAGE; //                                     set_pte_at(mm, address, page_table, entry);
    } //                                                  } else { back out: no error returned }
    ptl.unlock(); //                                      pte_unmap_unlock(page_table, ptl);
    return 0;
  }

  /** The last thread of an mlockall()ed process leaves. */
  @Task("exit")
  void exit() {
    if (mmUsers.decAndTest()) { //                        mmput(): if (atomic_dec_and_test(&mm->mm_users)) {
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
      mmFlags.testBit(MMF_VM_MERGEABLE); //               ksm_exit(mm, &tlb, end): not a KSM user
    } //                                                  free_pgtables(); tlb_finish_mmu();
  }
}
