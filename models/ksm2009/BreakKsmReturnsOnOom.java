package ksm2009;

import org.lockmc.kernel.GfpFlags;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.OomKiller;
import org.lockmc.kernel.PageAllocator;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * S6, after "[PATCH 7/12] ksm: fix endless loop on oom": {@code break_ksm} also stops on {@code
 * VM_FAULT_OOM} and returns {@code -ENOMEM}; {@code unmerge_ksm_pages} tests {@code
 * signal_pending()} before each page and stops at the first error; {@code ksm_madvise} returns the
 * error without clearing {@code VM_MERGEABLE} ("The important thing is to not let VM_MERGEABLE be
 * cleared while any such pages might remain in the area" [T L1833-L1834]).
 *
 * <p>Same process as {@link BreakKsmLoopsOnOom}: the OOM killer chooses it while it unmerges, its
 * fault fails with {@code VM_FAULT_OOM}, and now the loop ends, {@code madvise} returns {@code
 * -ENOMEM} to user mode, where the SIGKILL is delivered, and the process exits and frees its
 * memory. SAFE: the step that makes it so is the added {@code VM_FAULT_OOM} in the loop condition
 * (a test puts the old condition back and gets the LIVELOCK again). The check that {@code
 * VM_MERGEABLE} is never cleared over a remaining KSM page holds because the error path returns
 * before clearing it (a test clears it on error too and gets the VIOLATION).
 *
 * <p>Hugh's worry about signals ("returning -ERESTARTSYS so that trivial signals will restart but
 * fatals will terminate (is that right?" [T L1766-L1769]) does not arise here: the only signal is
 * the OOM killer's SIGKILL. The OOM deadlock the patch leaves [T L1776-L1778] needs a second task
 * holding {@code ksm_thread_mutex}: that is {@link KsmExitTakesThreadMutex}.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L1792-L1836 (break_ksm, '+' lines), L1846-L1861"
        + " (unmerge_ksm_pages), L1945-L1958 (ksm_madvise MADV_UNMERGEABLE)")
public class BreakKsmReturnsOnOom {
  static final int VM_FAULT_OOM = 0x1;
  static final int VM_FAULT_WRITE = 0x8;
  static final int VM_FAULT_SIGBUS = 0x2;
  static final int ENOMEM = 12;
  static final int ERESTARTSYS = 512;
  static final int NO_PAGE = 0;
  static final int KSM_PAGE = 1;
  static final int ANON_PAGE = 2;

  final OomKiller oom = new OomKiller(OomKiller.Policy.SKIP_TASKS_WITHOUT_MM);
  final PageAllocator memory = new PageAllocator("memory", 1, oom);
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  /** The pte of the one address of the merged area. */
  int pte = KSM_PAGE;
  /** {@code VM_MERGEABLE} in the vma's {@code vm_flags}. */
  boolean vmMergeable = true;

  /** handle_mm_fault(mm, vma, addr, FAULT_FLAG_WRITE) on the KSM page: do_wp_page(). */
  int handleMmFault() {
    if (!memory.allocPage(GfpFlags.GFP_HIGHUSER)) { // new_page = alloc_page_vma(GFP_HIGHUSER_MOVABLE, ...)
      return VM_FAULT_OOM; //                            if (!new_page) goto oom;
    }
    pte = ANON_PAGE; //                                 set_pte_at(mm, address, page_table, entry);
    return VM_FAULT_WRITE;
  }

  /** break_ksm(vma, addr), after 7/12. */
  int breakKsm() {
    int ret = 0;
    do {
      Kernel.condResched(); //                          cond_resched();
      if (pte == NO_PAGE) { //                          page = follow_page(vma, addr, FOLL_GET);
        break; //                                       if (!page) break;
      }
      if (pte == KSM_PAGE) { //                         if (PageKsm(page))
        ret = handleMmFault(); //                           ret = handle_mm_fault(..., FAULT_FLAG_WRITE);
      } else {
        ret = VM_FAULT_WRITE; //                        else ret = VM_FAULT_WRITE;
      }
    } while ((ret & (VM_FAULT_WRITE | VM_FAULT_SIGBUS | VM_FAULT_OOM)) == 0);
    return (ret & VM_FAULT_OOM) != 0 ? -ENOMEM : 0; //  return (ret & VM_FAULT_OOM) ? -ENOMEM : 0;
  }

  /** unmerge_ksm_pages(vma, start, end) for the one address of the area. */
  int unmergeKsmPages() {
    if (Kernel.fatalSignalPending()) { //               if (signal_pending(current))
      return -ERESTARTSYS; //                               err = -ERESTARTSYS;
    }
    return breakKsm(); //                               else err = break_ksm(vma, addr);
  }

  /** A process that merged its memory, then asks to unmerge it. */
  @Task("madvise")
  void madvise() {
    oom.registerCandidate(); //                         a user process: it has an mm
    memory.allocPage(GfpFlags.GFP_HIGHUSER); //         its own memory fills the machine

    mmapSem.downWrite(); //                             sys_madvise: down_write(&current->mm->mmap_sem);
    int err = unmergeKsmPages(); //                     ksm_madvise(MADV_UNMERGEABLE):
    if (err == 0) { //                                  if (err) return err;
      Kernel.check(pte != KSM_PAGE, //                  *vm_flags &= ~VM_MERGEABLE;
          "VM_MERGEABLE cleared while a KSM page remains in the area");
      vmMergeable = false;
    }
    mmapSem.upWrite(); //                               up_write(&current->mm->mmap_sem);

    if (Kernel.fatalSignalPending()) { //               return to user: SIGKILL
      oom.exitMm(); //                                  do_exit() -> exit_mm(): tsk->mm = NULL
      memory.freeAllPages(); //                         mmput() -> exit_mmap(): the memory is freed
    }
  }
}
