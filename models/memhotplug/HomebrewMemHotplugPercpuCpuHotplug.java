package memhotplug;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.kernel.LockdepMap;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.WaitQueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-A in linux-next of June 2017, where Andrey Ryabinin's splat was taken (scenario report
 * Appendix A.2, lockdep.md 1.10-A): {@code cpu_hotplug_lock} had just become a percpu rwsem,
 * memory hotplug still used the home-brewed construct the patch removes (003:L51-L151, '-'
 * lines). "memory hotplug takes the memory hotplug lock and then calls stop_machine() which calls
 * get_online_cpus(). That's the reverse lock order to get_online_cpus(); get_online_mems(); in
 * mm/slub_common.c" (003:L10-L12).
 *
 * <p>Verdict DEADLOCK, from one rule: <b>a pending percpu-rwsem writer blocks new readers</b>
 * (lockdep.md 4.4). kmem_cache_create holds {@code cpu_hotplug_lock} for read and waits in
 * {@code get_online_mems()} for the mutex the memory hotplug writer keeps; the writer, in {@code
 * stop_machine()}, asks for {@code cpu_hotplug_lock} for read behind cpu_down's pending write;
 * cpu_down waits for kmem_cache_create's read to drain. With the rule switched off (the test
 * does) the writer's read gets in and the model is SAFE; with the old reader-preferring cpu
 * construct it is SAFE too ({@link HomebrewCpuAndMemHotplug}).
 *
 * <p>Lockdep CYCLE, as in the splat: {@code cpu_hotplug_lock -> mem_hotplug.lock#2 ->
 * zonelists_mutex -> cpu_hotplug_lock}. The construct has two lockdep classes with one name:
 * its {@code dep_map}, "mem_hotplug.lock" (003:L70), taken with {@code lock_map_acquire_read}
 * by readers and {@code lock_map_acquire} by the writer, and its inner mutex, initialised as
 * {@code mem_hotplug.lock} (003:L67), which lockdep registered second and so printed as {@code
 * mem_hotplug.lock#2}. The model names the mutex {@code mem_hotplug.lock#2} so that the two stay
 * two classes (lockmc keys a class by its name), and {@code lockmc splat} maps the splat's {@code
 * mem_hotplug.lock#2} onto the mutex exactly and its held {@code mem_hotplug.lock} onto the map.
 * The splat's kernel is 4.12, whose lockdep stored no dependency of a recursive read ({@code
 * read == 2}): its cycle runs through the mutex only. Under 5.10 rules the reader's dependencies
 * go through the map ({@code cpu_hotplug_lock -(SR)-> mem_hotplug.lock -(EN)-> mem_hotplug.lock#2
 * -> ...}), a strong path, so the cycle is reported either way.
 *
 * <p>{@code CpuHotplug} names its lock {@code cpu_hotplug_lock} (the 5.7+ class name); the
 * splat's {@code cpu_hotplug_lock.rw_sem} is the 4.13-5.6 name of the same lock, and {@code lockmc
 * splat} matches the two. Left out: the locks outside the cycle ({@code device_hotplug_lock},
 * {@code acpi_scan_lock}, {@code &dev->mutex}, the workqueue maps, {@code slab_mutex}).
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L7-L18, L51-L151 ('-' lines: the construct), L178"
        + " (stop_machine); scenario report Appendix A.2 (the 4.12-rc6-next splat)")
public class HomebrewMemHotplugPercpuCpuHotplug {
  static final int MEMORY_ONLINE = 1; // task_struct pointers, for mem_hotplug.active_writer
  static final int KMEM_CACHE_CREATE = 2;

  final CpuHotplug cpus = new CpuHotplug(2);
  /** mem_hotplug, "The same as the cpu_hotplug lock, but for memory hotplug" (003:L51-L72). */
  final Mutex memoryAddRemoveLock = new Mutex("memory_add_remove_lock");
  final LockdepMap memHotplugDepMap = new LockdepMap("mem_hotplug.lock");
  final Mutex memHotplugLock = new Mutex("mem_hotplug.lock#2");
  final WaitQueue memHotplugWriter = new WaitQueue("mem_hotplug.active_writer");
  int activeWriter;
  int refcount;
  final Mutex zonelistsMutex = new Mutex("zonelists_mutex");

  /** get_online_mems() (003:L93-L103). */
  void getOnlineMems(int current) {
    if (activeWriter == current) {         // if (mem_hotplug.active_writer == current)
      return;                              // return;
    }
    memHotplugDepMap.lockMapAcquireRead(); // memhp_lock_acquire_read();
    memHotplugLock.lock();                 // mutex_lock(&mem_hotplug.lock);
    refcount++;                            // mem_hotplug.refcount++;
    memHotplugLock.unlock();               // mutex_unlock(&mem_hotplug.lock);
  }

  /** put_online_mems() (003:L105-L119). */
  void putOnlineMems(int current) {
    if (activeWriter == current) {
      return;
    }
    memHotplugLock.lock();             // mutex_lock(&mem_hotplug.lock);
    refcount--;
    // if (!--mem_hotplug.refcount && unlikely(mem_hotplug.active_writer))
    if (refcount == 0 && activeWriter != 0) {
      memHotplugWriter.wakeUp();       // wake_up_process(mem_hotplug.active_writer);
    }
    memHotplugLock.unlock();           // mutex_unlock(&mem_hotplug.lock);
    memHotplugDepMap.lockMapRelease(); // memhp_lock_release();
  }

  /** mem_hotplug_begin() (003:L124-L138): returns holding mem_hotplug.lock, no reader inside. */
  void memHotplugBegin(int current) {
    memoryAddRemoveLock.lock();                        // mutex_lock(&memory_add_remove_lock);
    activeWriter = current;                            // mem_hotplug.active_writer = current;
    memHotplugDepMap.lockMapAcquire();                 // memhp_lock_acquire();
    for (;;) {
      memHotplugLock.lock();                           // mutex_lock(&mem_hotplug.lock);
      if (refcount == 0) {                             // if (likely(!mem_hotplug.refcount))
        return;                                        // break;
      }
      // __set_current_state(TASK_UNINTERRUPTIBLE); mutex_unlock(&mem_hotplug.lock);
      memHotplugLock.unlock();
      memHotplugWriter.waitEvent(() -> refcount == 0); // schedule();
    }
  }

  /** mem_hotplug_done() (003:L143-L148). */
  void memHotplugDone() {
    activeWriter = 0;                  // mem_hotplug.active_writer = NULL;
    memHotplugLock.unlock();           // mutex_unlock(&mem_hotplug.lock);
    memHotplugDepMap.lockMapRelease(); // memhp_lock_release();
    memoryAddRemoveLock.unlock();      // mutex_unlock(&memory_add_remove_lock);
  }

  /** kworker: acpi_hotplug_work_fn() -> add_memory() -> online_memory_block() -> online_pages(). */
  @Task("memory_online")
  void memoryOnline() {
    memHotplugBegin(MEMORY_ONLINE); // mem_hotplug_begin()
    zonelistsMutex.lock();          // online_pages(): mutex_lock(&zonelists_mutex)
    // build_all_zonelists(): stop_machine(__build_all_zonelists, pgdat, NULL)
    cpus.stopMachine(() -> { });
    zonelistsMutex.unlock();
    memHotplugDone();               // mem_hotplug_done()
  }

  /** kmem_cache_create() (mm/slab_common.c). */
  @Task("kmem_cache_create")
  void kmemCacheCreate() {
    cpus.cpusReadLock();              // get_online_cpus()
    getOnlineMems(KMEM_CACHE_CREATE); // get_online_mems()
    putOnlineMems(KMEM_CACHE_CREATE); // ... mutex_lock(&slab_mutex) ... put_online_mems()
    cpus.cpusReadUnlock();            // put_online_cpus()
  }

  /** cpu_down(1): cpu_maps_update_begin(); cpus_write_lock(); ... */
  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
