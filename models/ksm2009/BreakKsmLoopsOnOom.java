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
 * S6, before "[PATCH 7/12] ksm: fix endless loop on oom": {@code break_ksm} loops until the fault
 * returns {@code VM_FAULT_WRITE} or {@code VM_FAULT_SIGBUS}, and ignores {@code VM_FAULT_OOM}
 * ("Which leaves us looping there if VM_FAULT_OOM: hmmm..." [T L1806]).
 *
 * <p>A process has ballooned memory to the limit and calls {@code madvise(MADV_UNMERGEABLE)} on
 * its merged area. Breaking COW on the KSM page needs a new page; the OOM killer, run in the
 * process's own allocation, chooses the process itself (it is the only candidate) and sets
 * TIF_MEMDIE. From then on "VM_FAULT_OOM would only be set if the current task has TIF_MEMDIE set,
 * and will be OOM killed on return to user" [T L1820-L1823]: every fault fails, {@code break_ksm}
 * never returns to user mode, the task never dies, never frees its memory, and keeps {@code
 * mmap_sem} held for write.
 *
 * <p>The verdict, LIVELOCK, comes from two rules: the page allocator fails every allocation of a
 * task the OOM killer chose (TIF_MEMDIE) instead of blocking it, and the loop's exit condition
 * does not include {@code VM_FAULT_OOM}. The task keeps running ({@code cond_resched()} every
 * iteration) until it passes its step bound. {@link BreakKsmReturnsOnOom} is the patch: {@code
 * VM_FAULT_OOM} ends the loop and the error is returned.
 *
 * <p>Simplified: one task, one KSM page, one page of memory; the thread's other cases (KSMD in a
 * memory cgroup at its limit [T L1825-L1828], {@code echo 2 > run}) fail the same loop for other
 * reasons. The thread gives no reproducer; the interleaving is the patch comment's [T L1760-L1764,
 * L1820-L1828]. No lock order is involved: lockdep is silent.
 */
@LockModel(expect = Verdict.LIVELOCK, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L1760-L1764 (7/12 description), L1791-L1807 (break_ksm"
        + " loop, '-' lines), L1820-L1823 (VM_FAULT_OOM only for TIF_MEMDIE), L1852-L1853"
        + " (unmerge_ksm_pages, '-' lines), L1949-L1950 (ksm_madvise, '-' lines)")
public class BreakKsmLoopsOnOom {
  static final int VM_FAULT_OOM = 0x1;
  static final int VM_FAULT_WRITE = 0x8;
  static final int VM_FAULT_SIGBUS = 0x2;
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

  /** break_ksm(vma, addr), before 7/12. */
  void breakKsm() {
    int ret;
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
    } while ((ret & (VM_FAULT_WRITE | VM_FAULT_SIGBUS)) == 0); // VM_FAULT_OOM keeps it looping
  }

  /** A process that merged its memory, then asks to unmerge it. */
  @Task("madvise")
  void madvise() {
    oom.registerCandidate(); //                         a user process: it has an mm
    memory.allocPage(GfpFlags.GFP_HIGHUSER); //         its own memory fills the machine

    mmapSem.downWrite(); //                             sys_madvise: down_write(&current->mm->mmap_sem);
    breakKsm(); //                                      ksm_madvise(MADV_UNMERGEABLE): unmerge_ksm_pages()
    Kernel.check(pte != KSM_PAGE, //                    *vm_flags &= ~VM_MERGEABLE;
        "VM_MERGEABLE cleared while a KSM page remains in the area");
    vmMergeable = false;
    mmapSem.upWrite(); //                               up_write(&current->mm->mmap_sem);

    if (Kernel.fatalSignalPending()) { //               return to user: SIGKILL
      oom.exitMm(); //                                  do_exit() -> exit_mm(): tsk->mm = NULL
      memory.freeAllPages(); //                         mmput() -> exit_mmap(): the memory is freed
    }
  }
}
