package ksm2009;

import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.SpinLock;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * S7, after "[PATCH 7/12] ksm: fix endless loop on oom": {@code unmerge_and_remove_all_rmap_items}
 * reads each {@code mm_list.next} between {@code spin_lock(&ksm_mmlist_lock)} and {@code
 * spin_unlock} [T L1871-L1874, L1894-L1897], the lock {@code __ksm_enter()} links new slots under,
 * and drops it while it works on an mm (it may sleep there: {@code down_read}, faults).
 *
 * <p>Same scene as {@link UnmergeWalksMmListUnlocked}: a {@code madvise(MADV_MERGEABLE)} in
 * another process links a new slot while {@code echo 2} walks the list. SAFE: the insertion is
 * atomic with respect to each read of a link, so the walker never sees a half-linked slot. The
 * walker may or may not reach the new slot, which is fine: a slot added behind it has no KSM
 * pages to unmerge yet. The step that makes it so is the lock around the read: a test removes it
 * and gets the VIOLATION of the other model. The 7/12 changes to the cursor and {@code seqnr} [T L1772-L1774, L1900-L1908]
 * are kept only as far as the cursor reset.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L1771-L1774, L1863-L1910 (the walk, '+' lines),"
        + " L1178-L1200 (__ksm_enter), L1959-L1973 (run_store)")
public class UnmergeWalksMmListLocked {
  static final int HEAD = 0;
  static final int SLOT_A = 1;
  static final int SLOT_B = 2;

  final Mutex ksmThreadMutex = new Mutex("ksm_thread_mutex");
  final SpinLock ksmMmlistLock = new SpinLock("ksm_mmlist_lock");
  final RwSemaphore mmapSemA = new RwSemaphore("&mm->mmap_sem");
  final RwSemaphore mmapSemB = new RwSemaphore("&mm->mmap_sem");
  /** ksm_mm_head.mm_list and the mm_slots' mm_list links: HEAD, then A's slot; B not linked yet. */
  final int[] next = {SLOT_A, HEAD, -1};
  final int[] prev = {SLOT_A, HEAD, -1};
  /** ksm_scan.mm_slot, the scan cursor: at the list head while ksmd is idle. */
  int cursor = HEAD;

  /**
   * mm_slot->mm_list.next, read under ksm_mmlist_lock, and the model's check that the walker saw
   * the list whole (see {@link UnmergeWalksMmListUnlocked}).
   */
  int nextSlot(int slot) {
    ksmMmlistLock.lock(); //                              spin_lock(&ksm_mmlist_lock);
    int n = next[slot]; //                                mm_slot = list_entry(mm_slot->mm_list.next, ...);
    if (prev[n] != slot) {
      Kernel.check(next[slot] != n, "run_store saw mm_list half-linked: __ksm_enter()'s"
          + " list_add_tail() is under way");
    }
    ksmMmlistLock.unlock(); //                            spin_unlock(&ksm_mmlist_lock);
    return n;
  }

  /** echo 2 > /sys/kernel/mm/ksm/run: unmerge_and_remove_all_rmap_items(), after 7/12. */
  @Task("run_store")
  void runStore() {
    ksmThreadMutex.lock(); //                             mutex_lock(&ksm_thread_mutex); ksm_run = flags;
    int slot = nextSlot(HEAD); //                         mm_slot = first slot (locked)
    while (slot != HEAD) { //                             while (mm_slot != &ksm_mm_head) {
      RwSemaphore mmapSem = slot == SLOT_A ? mmapSemA : mmapSemB;
      mmapSem.downRead(); //                              down_read(&mm->mmap_sem);
      mmapSem.upRead(); //                                unmerge_ksm_pages(); ...; up_read(&mm->mmap_sem);
      slot = nextSlot(slot); //                           mm_slot = next slot (locked)
    }
    ksmMmlistLock.lock(); //                              ksm_scan.seqnr = 0; out: spin_lock(&ksm_mmlist_lock);
    cursor = HEAD; //                                     ksm_scan.mm_slot = &ksm_mm_head;
    ksmMmlistLock.unlock(); //                            spin_unlock(&ksm_mmlist_lock);
    ksmThreadMutex.unlock(); //                           mutex_unlock(&ksm_thread_mutex);
  }

  /** Process B: madvise(MADV_MERGEABLE) -> ksm_madvise() -> __ksm_enter(mm). */
  @Task("madvise")
  void madvise() {
    mmapSemB.downWrite(); //                              sys_madvise: down_write(&mm->mmap_sem);
    ksmMmlistLock.lock(); //                              __ksm_enter(): spin_lock(&ksm_mmlist_lock);
    int at = cursor; //                                   list_add_tail(&mm_slot->mm_list, &ksm_scan.mm_slot->mm_list):
    int before = prev[at]; //                             __list_add(new, head->prev, head)
    prev[at] = SLOT_B; //                                     next->prev = new;
    next[SLOT_B] = at; //                                     new->next = next;
    prev[SLOT_B] = before; //                                 new->prev = prev;
    next[before] = SLOT_B; //                                 prev->next = new;
    ksmMmlistLock.unlock(); //                            spin_unlock(&ksm_mmlist_lock);
    mmapSemB.upWrite(); //                                set_bit(MMF_VM_MERGEABLE); ...; up_write(&mm->mmap_sem);
  }
}
