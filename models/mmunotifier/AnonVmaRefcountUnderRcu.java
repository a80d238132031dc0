package mmunotifier;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Rcu;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 004-G, the anon_vma rwsem conversion as the thread discusses it ("the refcount with rcu in
 * the anon-vma conversion", 004:L309-L310): {@code grab_anon_vma()} reads the anon_vma off the
 * page inside {@code rcu_read_lock()} and takes a reference with {@code atomic_inc_not_zero()};
 * the rwsem is taken after {@code rcu_read_unlock()}; the last {@code put_anon_vma()} frees it,
 * and SLAB_DESTROY_BY_RCU keeps the memory from other use until a grace period has passed
 * (004:L119-L121), modelled as {@code synchronize_rcu()} before the memory counts as freed.
 *
 * <p>Verdict SAFE, from one step: <b>the reference is taken inside the RCU read section that
 * keeps the memory an anon_vma</b>. Either kswapd's {@code atomic_inc_not_zero()} comes first and
 * the unmapping task's put is not the last, or the count is already zero and kswapd gives up; a
 * free that waits for kswapd's read section can never happen under it, and no sleeping lock is
 * taken inside the section. Against {@link AnonVmaLockWithoutRcu} (no RCU, no count: VIOLATION)
 * and {@link AnonVmaRwsemUnderRcu} (the rwsem inside the section: VIOLATION).
 *
 * <p>Where this parts from the thread: Andrea thought the refcount unnecessary (004:L357-L361) and
 * proposed a trylock fast path and a count initialised to one (004:L183-L195); Christoph's reply
 * (004:L178-L181) is what this model checks. The code is the conversion patch's, which the
 * scenario report quotes; the thread quotes only its effect. The "performance" half of the
 * dispute (the double atomic op, 004:L382-L387) is out of a checker's reach. Lockdep NO_CYCLE.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "004_6f9b76dc16781bbf.txt:L119-L121, L178-L195, L309-L317; scenario report 004-G")
public class AnonVmaRefcountUnderRcu {
  final Rcu rcu = new Rcu();
  /** anon_vma->sem, the rmap lock after the spinlock-to-rwsem conversion. */
  final RwSemaphore anonVmaSem = new RwSemaphore("&anon_vma->sem");
  /** anon_vma->refcount: one for the vma linked to it. */
  final AtomicCounter refcount = new AtomicCounter("anon_vma->refcount", 1);
  /** page_mapped(page): some pte still maps the page. */
  boolean pageMapped = true;
  /** The vma is on anon_vma->head. */
  boolean vmaLinked = true;
  /** The anon_vma's memory went back to other use (after the RCU grace period). */
  boolean anonVmaFreed;

  /** put_anon_vma(): the last reference frees it; SLAB_DESTROY_BY_RCU defers the reuse. */
  void putAnonVma() {
    if (refcount.decAndTest()) { // if (atomic_dec_and_test(&anon_vma->refcount))
      rcu.synchronize();         //   kmem_cache_free(anon_vma_cachep, anon_vma): reuse after a GP
      anonVmaFreed = true;
    }
  }

  /** Reclaim: page_referenced_anon() -> page_lock_anon_vma() -> grab_anon_vma(). */
  @Task("kswapd")
  void kswapd() {
    rcu.readLock();                  // rcu_read_lock();
    if (!pageMapped) {               // if (!page_mapped(page)) goto out;
      rcu.readUnlock();
      return;
    }
    //                                  anon_vma = page->mapping - PAGE_MAPPING_ANON;
    Kernel.check(!anonVmaFreed, "kswapd reads an anon_vma whose memory went back to other use");
    boolean got = refcount.incNotZero(); // if (!atomic_inc_not_zero(&anon_vma->refcount))
    rcu.readUnlock();                // rcu_read_unlock();
    if (!got) {
      return;                        //   anon_vma = NULL: the page is being unmapped
    }
    Kernel.check(!anonVmaFreed, "kswapd locks an anon_vma that was freed under it");
    anonVmaSem.downRead();           // down_read(&anon_vma->sem);
    boolean walk = vmaLinked;        // list_for_each_entry(vma, &anon_vma->head, anon_vma_node)
    anonVmaSem.upRead();             // page_unlock_anon_vma(): up_read(&anon_vma->sem);
    putAnonVma();                    //                         put_anon_vma(anon_vma);
  }

  /** munmap() of the last mapping: unmap_vmas() -> zap_pte_range(), then free_pgtables(). */
  @Task("munmap")
  void munmap() {
    pageMapped = false;      // zap_pte_range() -> page_remove_rmap()
    anonVmaSem.downWrite();  // anon_vma_unlink(vma): down_write(&anon_vma->sem);
    vmaLinked = false;       // list_del(&vma->anon_vma_node);
    anonVmaSem.upWrite();    // up_write(&anon_vma->sem);
    putAnonVma();            // put_anon_vma(anon_vma);
  }
}
