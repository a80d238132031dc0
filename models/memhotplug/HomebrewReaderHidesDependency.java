package memhotplug;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.kernel.LockdepMap;
import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-B, what "due to the recursion evaded the full lock dep coverage" (tglx, 003:L15-L17)
 * means, on the smallest shape: a reader of the home-brewed memory hotplug construct takes a
 * mutex while it holds its reference, and a hotplug writer takes the same mutex before {@code
 * mem_hotplug_begin()}. Hypothetical: the thread names no such mutex; {@code driver_mutex} stands
 * for any lock that a {@code get_online_mems()} section takes and that some path holds across
 * memory hotplug. The construct is {@link HomebrewCpuAndMemHotplug}'s, cut to what the cycle
 * needs.
 *
 * <p>Verdict DEADLOCK, from one rule: <b>the writer waits for the reader refcount to drop to zero
 * while it holds whatever it took before {@code mem_hotplug_begin()}</b>. The reader holds its
 * reference and waits for {@code driver_mutex}; the writer holds {@code driver_mutex} and waits,
 * mutex dropped, for a refcount that never falls. No writer preference is involved: this
 * construct is reader-preferring, and the deadlock still needs nothing else.
 *
 * <p>Lockdep CYCLE under the 5.10+ rules: {@code mem_hotplug.lock -(SN)-> driver_mutex -(EN)->
 * mem_hotplug.lock} is a strong cycle. Under the rules lockdep had when this construct was in the
 * kernel (before 5.10), NO_CYCLE: the reader's {@code lock_map_acquire_read} is a recursive read
 * ({@code read == 2}), and lockdep then added no dependency <em>from</em> a held recursive reader
 * ({@code check_prevs_add}: "Only non-recursive-read entries get new dependencies added"), so
 * {@code mem_hotplug.lock -> driver_mutex} was never recorded, and the deadlock was invisible.
 * {@code ./lockmc check memhotplug.HomebrewReaderHidesDependency --lockdep --lockdep-rules
 * pre-5.10} shows it listed among the deadlocks lockdep cannot see.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L14-L18, L93-L138 ('-' lines: the construct);"
        + " scenario report 003-B")
public class HomebrewReaderHidesDependency {
  static final int MEMORY_OFFLINE = 1; // task_struct pointer, for active_writer

  final Mutex driverMutex = new Mutex("driver_mutex");
  /**
   * mem_hotplug (003:L51-L72): dep_map, inner mutex, refcount, active_writer. The refcount is an
   * {@code AtomicCounter}, as cpu_hotplug's was in 4.12, so that the writer's wait for zero names
   * the tasks that hold references (the plain refcount under the mutex behaves the same).
   */
  final LockdepMap memHotplugDepMap = new LockdepMap("mem_hotplug.lock");
  final Mutex memHotplugLock = new Mutex("mem_hotplug.lock#2");
  final AtomicCounter memRefcount = new AtomicCounter("mem_hotplug.refcount", 0);
  int memActiveWriter;

  /** get_online_mems() (003:L93-L103). */
  void getOnlineMems() {
    memHotplugDepMap.lockMapAcquireRead(); // memhp_lock_acquire_read();
    memHotplugLock.lock();                 // mutex_lock(&mem_hotplug.lock);
    memRefcount.inc();                     // mem_hotplug.refcount++;
    memHotplugLock.unlock();               // mutex_unlock(&mem_hotplug.lock);
  }

  /** put_online_mems() (003:L105-L119). */
  void putOnlineMems() {
    memHotplugLock.lock();             // mutex_lock(&mem_hotplug.lock);
    memRefcount.dec();                 // if (!--mem_hotplug.refcount && active_writer)
    memHotplugLock.unlock();           //     wake_up_process(mem_hotplug.active_writer);
    memHotplugDepMap.lockMapRelease(); // mutex_unlock(...); memhp_lock_release();
  }

  /** mem_hotplug_begin() (003:L124-L138), without memory_add_remove_lock. */
  void memHotplugBegin() {
    memActiveWriter = MEMORY_OFFLINE;  // mem_hotplug.active_writer = current;
    memHotplugDepMap.lockMapAcquire(); // memhp_lock_acquire();
    for (;;) {
      memHotplugLock.lock();           // mutex_lock(&mem_hotplug.lock);
      if (memRefcount.read() == 0) {   // if (likely(!mem_hotplug.refcount))
        return;                        //     break;
      }
      memHotplugLock.unlock(); // __set_current_state(TASK_UNINTERRUPTIBLE); mutex_unlock(...)
      memRefcount.waitUntilZero();     // schedule();
    }
  }

  /** mem_hotplug_done(). */
  void memHotplugDone() {
    memActiveWriter = 0;               // mem_hotplug.active_writer = NULL;
    memHotplugLock.unlock();           // mutex_unlock(&mem_hotplug.lock);
    memHotplugDepMap.lockMapRelease(); // memhp_lock_release();
  }

  /** A path that reads memory state under get_online_mems() and takes the driver's mutex. */
  @Task("driver")
  void driver() {
    getOnlineMems();      // get_online_mems();
    driverMutex.lock();   // mutex_lock(&driver_mutex);
    driverMutex.unlock(); // mutex_unlock(&driver_mutex);
    putOnlineMems();      // put_online_mems();
  }

  /** A memory offline path that holds the driver's mutex across the hotplug operation. */
  @Task("memory_offline")
  void memoryOffline() {
    driverMutex.lock();   // mutex_lock(&driver_mutex);
    memHotplugBegin();    // mem_hotplug_begin();
    memHotplugDone();     // ... mem_hotplug_done();
    driverMutex.unlock(); // mutex_unlock(&driver_mutex);
  }
}
