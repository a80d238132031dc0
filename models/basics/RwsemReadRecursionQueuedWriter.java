package basics;

import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * A reader takes an rw_semaphore for read twice. On its own that works, but a writer that queues
 * between the two {@code down_read}s blocks the second one (a queued writer blocks new readers,
 * lockdep.md 4.3), while the writer waits for the first read hold to go: deadlock.
 *
 * <p>The rule that makes the verdict is rule (a) of the rwsem: with it switched off (a test does
 * this) the second read succeeds and the model is SAFE. {@link RwsemReadRecursionNoWriter} is the
 * same reader without a writer.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 4.3 (rwsem_down_read_slowpath: readers queue behind a waiting writer)")
public class RwsemReadRecursionQueuedWriter {
  final RwSemaphore sem = new RwSemaphore("&mm->mmap_sem");

  @Task("reader")
  void reader() {
    sem.downRead();
    sem.downRead(); // recursive read: blocks if a writer queued in between
    sem.upRead();
    sem.upRead();
  }

  @Task("writer")
  void writer() {
    sem.downWrite();
    sem.upWrite();
  }
}
