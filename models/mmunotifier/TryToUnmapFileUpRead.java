package mmunotifier;

import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-F, the fix Andrea Arcangeli posted (004:L428-L437): {@code try_to_unmap_file()} ends
 * with {@code up_read(&mapping->i_mmap_sem)}, matching its {@code down_read}.
 *
 * <p>Verdict SAFE, lockdep NO_CYCLE, from the step the fix restores: <b>every hold is released
 * in the mode it was taken</b>. mmap, the page fault and direct reclaim may still wait for each
 * other, but every wait ends. {@link TryToUnmapFileUpWrite} is the bug.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L428-L437")
public class TryToUnmapFileUpRead {
  /** The address_space of a file that kswapd reclaims and that a process is mapping. */
  final RwSemaphore iMmapSem = new RwSemaphore("&mapping->i_mmap_sem");
  /** The mapping process's mm. */
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");

  /** try_to_unmap_file() with the fix. */
  void tryToUnmapFile() {
    iMmapSem.downRead(); // down_read(&mapping->i_mmap_sem);
    //                      vma_prio_tree_foreach(vma, ...) try_to_unmap_one(page, vma, ...);
    iMmapSem.upRead();   // out: up_read(&mapping->i_mmap_sem);
  }

  /** kswapd -> shrink_page_list() -> try_to_unmap() of a page of the file. */
  @Task("kswapd")
  void kswapd() {
    tryToUnmapFile();
  }

  /** mmap(2) of the file: mmap_region() -> vma_link(). */
  @Task("mmap")
  void mmap() {
    mmapSem.downWrite();  // sys_mmap(): down_write(&mm->mmap_sem)
    iMmapSem.downWrite(); // vma_link(): down_write(&mapping->i_mmap_sem)
    iMmapSem.upWrite();
    mmapSem.upWrite();
  }

  /** Another thread of the mapping process touches memory: do_page_fault(). */
  @Task("page_fault")
  void pageFault() {
    mmapSem.downRead(); // down_read(&mm->mmap_sem)
    mmapSem.upRead();
  }

  /** Direct reclaim in an allocating task: try_to_free_pages() -> ... -> try_to_unmap(). */
  @Task("direct_reclaim")
  void directReclaim() {
    tryToUnmapFile();
  }
}
