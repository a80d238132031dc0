package mmunotifier;

import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-F: the {@code i_mmap_lock -> i_mmap_sem} conversion of the series turned {@code
 * try_to_unmap_file()}'s {@code spin_lock} into {@code down_read} but its {@code spin_unlock}
 * into {@code up_write} (the '-' line 004:L435). Andrea Arcangeli, 004:L410-L416: "I soon found
 * the full patchset has a swap deadlock bug [...] I tracked it down to a bug in the
 * i_mmap_lock-i_mmap_sem conversion [...] it would eventually deadlock with all tasks allocating
 * memory in D state without this."
 *
 * <p>Verdict VIOLATION, from one rule: <b>releasing a read hold with {@code up_write} is a misuse
 * that releases nothing</b> (on the real rwsem it leaves the count corrupted; lockmc keeps the
 * read hold, which blocks writers the same way, scenario report 004-F). Every execution in which
 * kswapd reclaims first shows what follows: mmap's {@code vma_link()} waits forever for {@code
 * i_mmap_sem} while holding its {@code mmap_sem}, the process's next page fault waits behind it,
 * and direct reclaim in an allocating task waits behind the queued writer (a queued writer blocks
 * new readers): "all tasks allocating memory in D state". {@link TryToUnmapFileUpRead} is the fix.
 *
 * <p>Where this parts from the thread: Andrea calls it a "swap deadlock" (004:L410-L416), and
 * what users saw was the hang of every task behind the lock. lockmc reports the cause, the
 * mismatched release, as a VIOLATION with that hang in its trace (the blocked tasks at the end of
 * the counterexample), not as a DEADLOCK: no wait-for cycle forms, everyone waits on a hold that
 * nobody will ever release. On the real rwsem, {@code up_write} of a read hold corrupts the count
 * instead, and what follows depends on the count's value; lockmc models the outcome the thread
 * reports, tasks in D state.
 *
 * <p>Lockdep NO_CYCLE: the orders are consistent, and lockdep matches a release to a held lock
 * whatever its mode.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L407-L437")
public class TryToUnmapFileUpWrite {
  /** The address_space of a file that kswapd reclaims and that a process is mapping. */
  final RwSemaphore iMmapSem = new RwSemaphore("&mapping->i_mmap_sem");
  /** The mapping process's mm. */
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");

  /** try_to_unmap_file() as the conversion left it. */
  void tryToUnmapFile() {
    iMmapSem.downRead(); // down_read(&mapping->i_mmap_sem);
    //                      vma_prio_tree_foreach(vma, ...) try_to_unmap_one(page, vma, ...);
    iMmapSem.upWrite();  // out: up_write(&mapping->i_mmap_sem);
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
