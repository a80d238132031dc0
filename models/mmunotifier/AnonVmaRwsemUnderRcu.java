package mmunotifier;

import org.lockmc.kernel.Rcu;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-G, the anon_vma spinlock turned into an rwsem without changing how it is reached.
 * Before the conversion, {@code page_lock_anon_vma()} took {@code rcu_read_lock()}, read the
 * anon_vma off the page and took its spinlock inside the read section (SLAB_DESTROY_BY_RCU keeps
 * the memory an anon_vma until the section ends, 004:L119-L121). With an rwsem in place of the
 * spinlock, the same code sleeps in an RCU read section; Christoph Lameter, 004:L315-L317: "You
 * are going to take a semphore in an rcu section? [...] I was not aware that you can take a
 * sleeping lock from a non preemptible context."
 *
 * <p>Verdict VIOLATION, from one rule: <b>the classic RCU read side is atomic context, and {@code
 * down_read()} may sleep</b>. It is a bug on every call, whatever the schedule: one execution
 * shows it. {@link AnonVmaRefcountUnderRcu} is the conversion as posted: a refcount taken inside
 * the read section, the rwsem taken after it.
 *
 * <p>Lockdep NO_CYCLE: {@code rcu_read_lock} records no dependencies; the complaint is
 * might_sleep's "sleeping function called from invalid context", not a lockdep report.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L119-L121, L309-L317; scenario report 004-G")
public class AnonVmaRwsemUnderRcu {
  final Rcu rcu = new Rcu();
  /** anon_vma->sem, the rmap lock after the spinlock-to-rwsem conversion. */
  final RwSemaphore anonVmaSem = new RwSemaphore("&anon_vma->sem");
  /** page_mapped(page): some pte still maps the page. */
  boolean pageMapped = true;
  /** The vma is on anon_vma->head. */
  boolean vmaLinked = true;

  /** Reclaim: page_referenced_anon() -> page_lock_anon_vma(), spinlock-era shape. */
  @Task("kswapd")
  void kswapd() {
    rcu.readLock();            // rcu_read_lock();
    if (pageMapped) {          // if (!page_mapped(page)) goto out;
      anonVmaSem.downRead();   // down_read(&anon_vma->sem): was spin_lock(&anon_vma->lock)
      boolean walk = vmaLinked; // list_for_each_entry(vma, &anon_vma->head, anon_vma_node)
      anonVmaSem.upRead();     // up_read(&anon_vma->sem);
    }
    rcu.readUnlock();          // rcu_read_unlock();
  }

  /** munmap() of the last mapping: unmap_vmas() -> zap_pte_range(), then free_pgtables(). */
  @Task("munmap")
  void munmap() {
    pageMapped = false;        // zap_pte_range() -> page_remove_rmap()
    anonVmaSem.downWrite();    // anon_vma_unlink(vma): down_write(&anon_vma->sem);
    vmaLinked = false;         // list_del(&vma->anon_vma_node);
    anonVmaSem.upWrite();      // up_write(&anon_vma->sem);
  }
}
