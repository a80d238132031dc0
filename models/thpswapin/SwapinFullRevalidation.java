package thpswapin;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 002-B as Andrea Arcangeli asked for it (002:L885-L897): swap in under {@code
 * down_read(&mm->mmap_sem)}, and after every time {@code mmap_sem} was dropped and taken again
 * (the swap-in retry, the {@code up_read}/{@code down_write} "upgrade") repeat the whole
 * revalidation {@code collapse_huge_page()} already does (002:L863-L883): "All checks above are
 * needed for a correct revalidate". The thread ends with this as a request; the series as posted
 * was not merged in this form.
 *
 * <p>Verdict SAFE, from one step: <b>each retake of {@code mmap_sem} is followed by {@code
 * find_vma()}, the {@code hstart}/{@code hend} range check and {@code hugepage_vma_check()}</b>,
 * so khugepaged only ever collapses into a vma it validated under the lock it still holds. The
 * thread of the process may still unmap and remap in every window; khugepaged then gives up
 * ({@code goto out}). {@link SwapinUpgradeAsPosted} is the same code without these checks, and
 * models the process the same way.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "002_f1d609b38e82f802.txt:L845-L897 (Andrea's revalidation), L198-L269 (PATCH 3/3)")
public class SwapinFullRevalidation {
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

  /** __collapse_huge_page_swapin() with a full revalidation after a retry; null: give up. */
  Vma collapseHugePageSwapin(Vma vma) {
    // do_swap_page(..., FAULT_FLAG_ALLOW_RETRY): the swap page is locked
    if (Kernel.chooseBoolean()) {
      mmapSem.upRead();    // lock_page_or_retry(): up_read(&mm->mmap_sem); returns VM_FAULT_RETRY
      mmapSem.downRead();  // down_read(&mm->mmap_sem);
      return revalidate(); // the whole revalidation, not vma != vma_orig
    }
    return vma;
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
    mmapSem.downRead();  // down_read(&mm->mmap_sem), above the comment (002:L888-L893)
    Vma vma = revalidate();
    if (vma != null) {
      vma = collapseHugePageSwapin(vma);
    }
    mmapSem.upRead();    // up_read(&mm->mmap_sem);
    if (vma == null) {
      return;            // goto out;
    }
    mmapSem.downWrite(); // down_write(&mm->mmap_sem): "Prevent all access to pagetables"
    vma = revalidate();  // the revalidation collapse_huge_page() has (002:L863-L883)
    if (vma != null) {
      collapse(vma);     // anon_vma_lock_write(vma->anon_vma);
    }
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
