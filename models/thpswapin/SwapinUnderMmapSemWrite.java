package thpswapin;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 002-B before PATCH 3/3: khugepaged swaps the pages in with {@code mmap_sem} held for write,
 * and passes {@code FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_RETRY_NOWAIT} (the '-' lines 002:L214,
 * L244), so {@code do_swap_page()} returns {@code VM_FAULT_RETRY} without ever releasing {@code
 * mmap_sem}. The patch wanted to stop holding a remote process's {@code mmap_sem} for write during
 * swap I/O (Michal Hocko, 002:L475-L476: "Blocking mmap_sem of a remote proces for write is
 * certainly not nice").
 *
 * <p>Verdict SAFE: <b>the vma is validated and used under one write hold</b>, so no writer can
 * change it in between. The cost, which lockmc does not measure, is that every page fault of the
 * process waits for the swap-in. {@link SwapinUpgradeAsPosted} is the patch.
 *
 * <p>The vma and the process are modelled as in {@link SwapinUpgradeAsPosted}.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "002_f1d609b38e82f802.txt:L198-L269 (PATCH 3/3, '-' lines L214, L244, L253-L254)")
public class SwapinUnderMmapSemWrite {
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
    mmapSem.downWrite(); // down_write(&mm->mmap_sem);  (002:L244)
    Vma vma = revalidate();
    if (vma != null) {   // __collapse_huge_page_swapin(): do_swap_page(...,
      collapse(vma);     // FAULT_FLAG_ALLOW_RETRY | FAULT_FLAG_RETRY_NOWAIT) keeps mmap_sem;
    }                    // then anon_vma_lock_write(vma->anon_vma)
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
