package basics;

import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * {@link RwsemReadRecursionQueuedWriter} without the writer: two readers, one of them reading
 * recursively. Readers never block readers, so nothing can deadlock. Lockdep still reports the
 * recursive {@code down_read} (read level 1 is non-recursive), which is why kernel code avoids it.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 3.3 (down_read twice is reported as recursive locking)")
public class RwsemReadRecursionNoWriter {
  final RwSemaphore sem = new RwSemaphore("&mm->mmap_sem");

  @Task("reader")
  void reader() {
    sem.downRead();
    sem.downRead();
    sem.upRead();
    sem.upRead();
  }

  @Task("other_reader")
  void otherReader() {
    sem.downRead();
    sem.upRead();
  }
}
