package thpswapin;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 002-B with the least Kirill A. Shutemov asked for, "You need at least find_vma() again"
 * (002:L445): {@link SwapinUpgradeAsPosted} plus, after {@code down_write}, a check that {@code
 * find_vma()} still returns the same pointer, the test the patch already makes after a swap-in
 * retry (002:L220-L223). Andrea Arcangeli, 002:L845-L858: "this revalidate attempt is also not
 * correct [...] the vma may have been freed and reallocated at the same address, but it may be a
 * completely different vma with different vm_start/end values or it may not be anonymous".
 *
 * <p>Verdict VIOLATION, from one step: <b>a pointer comparison is not a revalidation</b>, because
 * the slab hands a freed {@code vm_area_struct} out again. The thread of the process unmaps the
 * range and maps a smaller file there; the new vma has the old pointer, so the check passes, and
 * khugepaged collapses a file mapping it never validated (an ABA). {@link SwapinFullRevalidation}
 * checks what the vma is, not where it lives.
 *
 * <p>The vma and the process are modelled as in {@link SwapinUpgradeAsPosted}.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "002_f1d609b38e82f802.txt:L198-L269 (PATCH 3/3), L440-L445 (Kirill),"
        + " L845-L886 (Andrea)")
public class SwapinUpgradeFindVmaOnly {
  static final long ADDRESS = 0;
  static final long HPAGE_PMD_SIZE = 2;

  /** A vm_area_struct from the vm_area_cachep slab. */
  static final class Vma {
    long vmStart;
    long vmEnd;
    boolean anon;

    Vma(long vmStart, long vmEnd, boolean anon) {
      this.vmStart = vmStart;
      this.vmEnd = vmEnd;
      this.anon = anon;
    }
  }

  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  /** What find_vma(mm, ADDRESS) returns: an anonymous vma over the huge page khugepaged picked. */
  Vma vmaAtAddress = new Vma(ADDRESS, ADDRESS + HPAGE_PMD_SIZE, true);

  /** collapse_huge_page()'s checks after taking mmap_sem (002:L863-L883); null: goto out. */
  Vma revalidate() {
    Vma vma = vmaAtAddress;       // vma = find_vma(mm, address);
    if (vma == null || ADDRESS < vma.vmStart || ADDRESS + HPAGE_PMD_SIZE > vma.vmEnd) {
      return null;                // !vma, or address < hstart || address + HPAGE_PMD_SIZE > hend
    }
    return vma.anon ? vma : null; // hugepage_vma_check(vma)
  }

  /** __collapse_huge_page_swapin() as posted (002:L198-L237). */
  boolean collapseHugePageSwapin(Vma vmaOrig) {
    // do_swap_page(..., FAULT_FLAG_ALLOW_RETRY): the swap page is locked
    if (Kernel.chooseBoolean()) {
      mmapSem.upRead();   // lock_page_or_retry(): up_read(&mm->mmap_sem); returns VM_FAULT_RETRY
      mmapSem.downRead(); // down_read(&mm->mmap_sem);
      if (vmaAtAddress != vmaOrig) { // vma = find_vma(mm, address); if (vma != vma_orig)
        return false;     // return false;
      }
    }
    return true;
  }

  /** anon_vma_lock_write(vma->anon_vma) and the collapse: the vma must still be the candidate. */
  void collapse(Vma vma) {
    Kernel.check(vmaAtAddress == vma && vma.anon && vma.vmStart <= ADDRESS
        && ADDRESS + HPAGE_PMD_SIZE <= vma.vmEnd,
        "collapse_huge_page() collapses into a vma that was unmapped or changed after it was"
            + " validated (002:L440-L445, L854-L858)");
  }

  /** khugepaged -> collapse_huge_page(), after allocating the huge page. */
  @Task("khugepaged")
  void khugepaged() {
    mmapSem.downRead();        // down_read(&mm->mmap_sem);  (002:L245)
    Vma vma = revalidate();
    // if (!__collapse_huge_page_swapin(mm, vma, address, pmd)) {
    if (vma == null || !collapseHugePageSwapin(vma)) {
      mmapSem.upRead();        // up_read(&mm->mmap_sem); goto out;  (002:L261-L263)
      return;
    }
    mmapSem.upRead();          // up_read(&mm->mmap_sem);    (002:L267)
    mmapSem.downWrite();       // down_write(&mm->mmap_sem); (002:L268)
    if (vmaAtAddress != vma) { // if (find_vma(mm, address) != vma)
      mmapSem.upWrite();       // goto out;
      return;
    }
    collapse(vma);             // anon_vma_lock_write(vma->anon_vma);  (002:L269)
    mmapSem.upWrite();
  }

  /** A thread of the target process: munmap() of the range, then mmap(MAP_FIXED) of a file. */
  @Task("munmap_mmap")
  void munmapMmap() {
    mmapSem.downWrite(); // munmap(): down_write(&mm->mmap_sem)
    Vma vma = vmaAtAddress;
    // detach_vmas_to_be_unmapped(); remove_vma(): kmem_cache_free(vm_area_cachep, vma)
    vmaAtAddress = null;
    mmapSem.upWrite();
    mmapSem.downWrite(); // mmap(ADDRESS, HPAGE_PMD_SIZE / 2, ..., MAP_SHARED | MAP_FIXED, fd)
    // kmem_cache_zalloc(vm_area_cachep) hands out the freed vma again:
    vma.vmEnd = ADDRESS + HPAGE_PMD_SIZE / 2;
    vma.anon = false;    // same pointer, now a smaller file mapping
    vmaAtAddress = vma;  // vma_link()
    mmapSem.upWrite();
  }
}
