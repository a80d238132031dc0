package basics;

import org.lockmc.kernel.GfpFlags;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.OomKiller;
import org.lockmc.kernel.PageAllocator;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * The shape of seed 001's S6 ("ksm: fix endless loop on oom"): {@code madvise(MADV_UNMERGEABLE)}
 * breaks KSM pages one by one, each a COW fault that allocates. When memory runs out the OOM
 * killer picks the process itself; a TIF_MEMDIE task's faults fail with {@code VM_FAULT_OOM}, and
 * {@code break_ksm()} before 7/12 retried until it saw {@code VM_FAULT_WRITE} or {@code
 * VM_FAULT_SIGBUS}: "Which leaves us looping there if VM_FAULT_OOM". The process never returns to
 * die, so its memory is never freed: a livelock. 7/12 ends the loop on {@code VM_FAULT_OOM} too
 * and returns {@code -ENOMEM}.
 */
@LockModel(expect = Verdict.LIVELOCK, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L1791-L1806 (break_ksm before), L1820-L1824 (VM_FAULT_OOM)")
public class OomVictimFaultLoop {
  static final int VM_FAULT_OOM = 0x0001;
  static final int VM_FAULT_WRITE = 0x0008;

  final OomKiller oom = new OomKiller(OomKiller.Policy.SKIP_TASKS_WITHOUT_MM);
  final PageAllocator memory = new PageAllocator("memory", 1, oom);

  /** handle_mm_fault(FAULT_FLAG_WRITE) on a KSM page: the COW needs a new page. */
  int handleMmFault() {
    return memory.allocPage(GfpFlags.GFP_HIGHUSER) ? VM_FAULT_WRITE : VM_FAULT_OOM;
  }

  @Task("madvise")
  void madviseUnmergeable() {
    oom.registerCandidate();
    for (int addr = 0; addr < 2; addr++) { //        unmerge_ksm_pages(): for each address
      int ret;
      do { //                                       break_ksm()
        Kernel.condResched();
        ret = handleMmFault();
      } while ((ret & VM_FAULT_WRITE) == 0); //     } while (!(ret & (VM_FAULT_WRITE | VM_FAULT_SIGBUS)));
    }
    memory.freeAllPages();
  }
}
