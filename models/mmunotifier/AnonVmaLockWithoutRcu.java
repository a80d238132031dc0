package mmunotifier;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-G, Andrea Arcangeli's position (004:L357-L361): "Definitely the PG_locked is taken so
 * there's no way page->mapping could possibly go away under the rmap code", so the rmap walk would
 * need neither RCU nor a refcount to reach a page's anon_vma. Christoph Lameter's answer
 * (004:L178-L181): "zap_pte_range can race with the rmap code and it does not take the page lock
 * [...] Without RCU you have no guarantee that the anon_vma is existing when you take the lock."
 * Hugh Dickins's history of the same question (004:L103-L106): "there's no locking against page
 * becoming unmapped the instant after, then anon_vma freed."
 *
 * <p>Verdict VIOLATION, from one step: <b>nothing holds the anon_vma alive between reading it off
 * the page and locking it</b>. kswapd holds the page lock and a page reference and sees the page
 * mapped; the unmapping task takes neither, zaps the last pte, unlinks the vma and frees the
 * anon_vma; kswapd then takes the lock of freed memory. {@link AnonVmaRefcountUnderRcu} is the
 * conversion's answer (a refcount taken under {@code rcu_read_lock()}).
 *
 * <p>Lockdep NO_CYCLE: one order ({@code PG_locked -> &anon_vma->sem}, and the page lock stands
 * for a bit lock that lockdep does not track); a use after free is not a lock dependency.
 * Simplified: one page, one vma, one anon_vma; "freed" is the memory going back to other use.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L100-L112, L172-L181, L357-L361; scenario report 004-G")
public class AnonVmaLockWithoutRcu {
  /** The page's PG_locked bit, held by the rmap walk (lock_page). */
  final Mutex pageLock = new Mutex("PG_locked");
  /** anon_vma->sem, the rmap lock after the spinlock-to-rwsem conversion. */
  final RwSemaphore anonVmaSem = new RwSemaphore("&anon_vma->sem");
  /** page_mapped(page): some pte still maps the page. */
  boolean pageMapped = true;
  /** The vma is on anon_vma->head. */
  boolean vmaLinked = true;
  /** The anon_vma's memory went back to the allocator. */
  boolean anonVmaFreed;

  /** Reclaim: page_referenced() -> page_referenced_anon(), with a reference on the page. */
  @Task("kswapd")
  void kswapd() {
    pageLock.lock();   // lock_page(page): taken, but zap_pte_range does not take it
    if (pageMapped) {  // if (!page_mapped(page)) goto out;
      //                  anon_vma = page->mapping - PAGE_MAPPING_ANON;
      Kernel.check(!anonVmaFreed, "kswapd locks an anon_vma that was freed under it: the page"
          + " lock does not stop zap_pte_range (004:L178-L181)");
      anonVmaSem.downRead(); // down_read(&anon_vma->sem);
      boolean walk = vmaLinked; // list_for_each_entry(vma, &anon_vma->head, anon_vma_node)
      anonVmaSem.upRead();   // up_read(&anon_vma->sem);
    }
    pageLock.unlock(); // unlock_page(page);
  }

  /** munmap() of the last mapping: unmap_vmas() -> zap_pte_range(), then free_pgtables(). */
  @Task("munmap")
  void munmap() {
    pageMapped = false;      // zap_pte_range() -> page_remove_rmap(): no page lock
    anonVmaSem.downWrite();  // anon_vma_unlink(vma): down_write(&anon_vma->sem);
    vmaLinked = false;       // list_del(&vma->anon_vma_node); the list is now empty
    anonVmaSem.upWrite();    // up_write(&anon_vma->sem);
    anonVmaFreed = true;     // if (empty) anon_vma_free(anon_vma);
  }
}
