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
 * S7, before "[PATCH 7/12] ksm: fix endless loop on oom": "unmerge_and_remove_all_rmap_items was
 * forgetting to lock when going down the mm_list: fix that." [T L1771-L1772]
 *
 * <p>{@code echo 2 > /sys/kernel/mm/ksm/run} walks {@code ksm_mm_head.mm_list} with {@code
 * list_for_each_entry} holding only {@code ksm_thread_mutex} [T L1876]. Another process's {@code
 * madvise(MADV_MERGEABLE)} runs {@code __ksm_enter()}, which links its new {@code mm_slot} into
 * that list under {@code ksm_mmlist_lock} but not {@code ksm_thread_mutex} [T L1191-L1195]. The
 * list is modelled as arrays of plain {@code next}/{@code prev} links, and {@code list_add_tail}
 * as the four stores of {@code __list_add}; every access is a scheduling point, so the walker can
 * read a link while the insertion is half done. VIOLATION: the walker reaches a slot whose {@code
 * prev} does not point back at it (the check {@code CONFIG_DEBUG_LIST} makes on the writer's side).
 *
 * <p>The rule that makes the verdict: a spinlock excludes only those who take it. Slots could not
 * be freed under the walker, because every remover (ksmd, {@code __ksm_exit}) held {@code
 * ksm_thread_mutex} before 9/12; only insertion races. {@link UnmergeWalksMmListLocked} is the
 * patch. Where the model is stronger than the kernel's plain C: lockmc runs sequentially
 * consistent, and in that order of stores a forward walk happens to follow only complete links;
 * the bug is the data race itself (plain stores may be reordered or torn by the compiler or CPU,
 * which lockmc does not model), and the model makes it visible as the torn list a lockless reader
 * can observe. The thread gives no reproducer.
 */
@LockModel(expect = Verdict.VIOLATION, lockdep = Lockdep.NO_CYCLE,
    source = "001_803000348cbfa086.txt:L1771-L1774, L1863-L1908 (the walk, '-' lines),"
        + " L1178-L1200 (__ksm_enter), L1959-L1973 (run_store)")
public class UnmergeWalksMmListUnlocked {
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
   * mm_slot->mm_list.next, read while walking the list, and the model's check that the walker saw
   * the list whole: a back link that disagrees while the forward link is still the one read means
   * the list was half-linked at that instant.
   */
  int nextSlot(int slot) {
    int n = next[slot];
    if (prev[n] != slot) {
      Kernel.check(next[slot] != n, "run_store saw mm_list half-linked: __ksm_enter()'s"
          + " list_add_tail() is under way");
    }
    return n;
  }

  /** echo 2 > /sys/kernel/mm/ksm/run: unmerge_and_remove_all_rmap_items(), before 7/12. */
  @Task("run_store")
  void runStore() {
    ksmThreadMutex.lock(); //                             mutex_lock(&ksm_thread_mutex); ksm_run = flags;
    for (int slot = nextSlot(HEAD); slot != HEAD; slot = nextSlot(slot)) { // list_for_each_entry(mm_slot, ...)
      RwSemaphore mmapSem = slot == SLOT_A ? mmapSemA : mmapSemB;
      mmapSem.downRead(); //                              down_read(&mm->mmap_sem);
      mmapSem.upRead(); //                                unmerge_ksm_pages(); ...; up_read(&mm->mmap_sem);
    }
    ksmMmlistLock.lock(); //                              spin_lock(&ksm_mmlist_lock);
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
