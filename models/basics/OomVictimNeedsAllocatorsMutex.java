package basics;

import org.lockmc.kernel.GfpFlags;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.OomKiller;
import org.lockmc.kernel.PageAllocator;
import org.lockmc.kernel.WaitQueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * The shape of seed 001's S9 ("ksm: fix oom deadlock"), reduced: the allocator holds a mutex while
 * it waits for memory; the OOM killer picks the only process with memory, which must take that
 * mutex on its way out before it frees its pages. Memory is the hidden edge of the cycle, so
 * lockdep sees nothing.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L2570-L2574 (9/12's statement of the deadlock)")
public class OomVictimNeedsAllocatorsMutex {
  final OomKiller oom = new OomKiller(OomKiller.Policy.SKIP_TASKS_WITHOUT_MM);
  final PageAllocator memory = new PageAllocator("memory", 1, oom);
  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  final WaitQueue signals = new WaitQueue("signals");
  boolean exiting;

  @Task("ksmd")
  void ksmd() {
    ksmThreadMutex.lock(); //                  mutex_lock(&ksm_thread_mutex)
    memory.allocPage(GfpFlags.GFP_HIGHUSER); // break_cow -> handle_mm_fault -> alloc_page
    ksmThreadMutex.unlock();
  }

  @Task("victim")
  void victim() {
    oom.registerCandidate();
    memory.allocPage(GfpFlags.GFP_HIGHUSER); // the process's own memory
    signals.waitEventInterruptible(() -> exiting); // runs until killed
    oom.exitMm(); //                              do_exit -> exit_mm
    ksmThreadMutex.lock(); //                    mmput -> ksm_exit -> __ksm_exit: mutex_lock
    ksmThreadMutex.unlock();
    memory.freeAllPages(); //                    exit_mmap(): only now is memory freed
  }
}
