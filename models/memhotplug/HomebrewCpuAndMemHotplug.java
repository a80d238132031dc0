package memhotplug;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.kernel.LockdepMap;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.WaitQueue;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-A/B before cpu hotplug became a percpu rwsem (mainline up to 4.12): both hotplug locks
 * are the home-brewed recursive reader/writer construct, "The memory hotplug code copied that
 * construct verbatim" (003:L14-L18). The lock order is already inverted: memory online takes the
 * memory lock, then {@code stop_machine()} takes the cpu lock; kmem_cache_create takes the cpu
 * lock, then the memory lock.
 *
 * <p>Verdict SAFE, which is where the model parts from the thread. tglx, 003:L14: "The problem has
 * been there forever." The inversion has, the deadlock had not: <b>the home-brewed writer is
 * reader-preferring</b>. {@code cpu_hotplug_begin()} holds {@code cpu_hotplug.lock} only once no
 * reader holds a reference, and drops it while it waits, so a task holding a cpu reference
 * (kmem_cache_create) never waits for the cpu writer, and the memory writer's {@code
 * get_online_cpus()} waits at most for a cpu hotplug that needs nothing it holds. The cycle
 * closes only once the cpu lock blocks readers behind a waiting writer: {@link
 * HomebrewMemHotplugPercpuCpuHotplug}. (The scenario report reaches the same conclusion; the
 * livelock the old code's comment admits, a writer starved by a stream of readers, needs more
 * readers than this model has.)
 *
 * <p>Lockdep NO_CYCLE, the blind spot of 003-B: every dependency of the cycle is recorded by a
 * reader under its recursive-read map ({@code lock_map_acquire_read}, {@code read == 2}). Lockdep
 * before 5.10 checked those acquisitions but stored nothing: kmem_cache_create adds no dependency
 * at all. Lockdep since 5.10 stores them, but {@code zonelists_mutex -(ER)-> cpu_hotplug.lock
 * -(SR)-> mem_hotplug.lock} is not a strong path (a recursive reader is blocked only by a write
 * holder, never by a waiting writer: lockdep.md 3.3), so no cycle is reported either, and rightly.
 * Each construct has a {@code dep_map} and an inner mutex with one name; the mutexes are named
 * {@code #2} as lockdep printed them (see {@link HomebrewMemHotplugPercpuCpuHotplug}).
 *
 * <p>{@code stop_machine()} is modelled as its {@code get_online_cpus()}/{@code put_online_cpus()}
 * pair: its stopper barrier waits for no lock here.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L7-L18, L51-L151 ('-' lines: the construct), L178;"
        + " scenario report 003-A (\"With the old reader-preferring cpu-hotplug"
        + " construct\"), 003-B")
public class HomebrewCpuAndMemHotplug {
  static final int MEMORY_ONLINE = 1; // task_struct pointers, for the active_writer fields
  static final int KMEM_CACHE_CREATE = 2;
  static final int CPU_DOWN = 3;

  /** cpu_hotplug (kernel/cpu.c, 4.12): atomic refcount, writer woken through cpu_hotplug.wq. */
  final LockdepMap cpuHotplugDepMap = new LockdepMap("cpu_hotplug.lock");
  final Mutex cpuHotplugLock = new Mutex("cpu_hotplug.lock#2");
  final AtomicCounter cpuRefcount = new AtomicCounter("cpu_hotplug.refcount", 0);
  int cpuActiveWriter;
  /** mem_hotplug (003:L51-L72): the same construct with a plain refcount. */
  final Mutex memoryAddRemoveLock = new Mutex("memory_add_remove_lock");
  final LockdepMap memHotplugDepMap = new LockdepMap("mem_hotplug.lock");
  final Mutex memHotplugLock = new Mutex("mem_hotplug.lock#2");
  final WaitQueue memHotplugWriter = new WaitQueue("mem_hotplug.active_writer");
  int memActiveWriter;
  int memRefcount;
  final Mutex zonelistsMutex = new Mutex("zonelists_mutex");

  /** get_online_cpus(). */
  void getOnlineCpus(int current) {
    if (cpuActiveWriter == current) {      // if (cpu_hotplug.active_writer == current)
      return;                              // return;
    }
    cpuHotplugDepMap.lockMapAcquireRead(); // cpuhp_lock_acquire_read();
    cpuHotplugLock.lock();                 // mutex_lock(&cpu_hotplug.lock);
    cpuRefcount.inc();                     // atomic_inc(&cpu_hotplug.refcount);
    cpuHotplugLock.unlock();               // mutex_unlock(&cpu_hotplug.lock);
  }

  /** put_online_cpus(). */
  void putOnlineCpus(int current) {
    if (cpuActiveWriter == current) {
      return;
    }
    cpuRefcount.dec();                 // atomic_dec_return(); wake_up(&cpu_hotplug.wq) at zero
    cpuHotplugDepMap.lockMapRelease(); // cpuhp_lock_release();
  }

  /** get_online_mems() (003:L93-L103). */
  void getOnlineMems(int current) {
    if (memActiveWriter == current) {
      return;
    }
    memHotplugDepMap.lockMapAcquireRead(); // memhp_lock_acquire_read();
    memHotplugLock.lock();                 // mutex_lock(&mem_hotplug.lock);
    memRefcount++;                         // mem_hotplug.refcount++;
    memHotplugLock.unlock();               // mutex_unlock(&mem_hotplug.lock);
  }

  /** put_online_mems() (003:L105-L119). */
  void putOnlineMems(int current) {
    if (memActiveWriter == current) {
      return;
    }
    memHotplugLock.lock();
    memRefcount--;
    if (memRefcount == 0 && memActiveWriter != 0) {
      memHotplugWriter.wakeUp();       // wake_up_process(mem_hotplug.active_writer);
    }
    memHotplugLock.unlock();
    memHotplugDepMap.lockMapRelease(); // memhp_lock_release();
  }

  /** cpu_hotplug_begin(): returns holding cpu_hotplug.lock, with no reader inside. */
  void cpuHotplugBegin(int current) {
    cpuActiveWriter = current;         // cpu_hotplug.active_writer = current;
    cpuHotplugDepMap.lockMapAcquire(); // cpuhp_lock_acquire();
    for (;;) {
      cpuHotplugLock.lock();           // mutex_lock(&cpu_hotplug.lock);
      if (cpuRefcount.read() == 0) {   // if (likely(!atomic_read(&cpu_hotplug.refcount)))
        return;                        // break;
      }
      cpuHotplugLock.unlock();         // mutex_unlock(&cpu_hotplug.lock);
      cpuRefcount.waitUntilZero();     // schedule();
    }
  }

  /** mem_hotplug_begin() (003:L124-L138). */
  void memHotplugBegin(int current) {
    memoryAddRemoveLock.lock();                           // mutex_lock(&memory_add_remove_lock);
    memActiveWriter = current;                            // mem_hotplug.active_writer = current;
    memHotplugDepMap.lockMapAcquire();                    // memhp_lock_acquire();
    for (;;) {
      memHotplugLock.lock();                              // mutex_lock(&mem_hotplug.lock);
      if (memRefcount == 0) {
        return;
      }
      memHotplugLock.unlock(); // __set_current_state(TASK_UNINTERRUPTIBLE); mutex_unlock(...)
      memHotplugWriter.waitEvent(() -> memRefcount == 0); // schedule();
    }
  }

  /** kworker: acpi_hotplug_work_fn() -> add_memory() -> online_memory_block() -> online_pages(). */
  @Task("memory_online")
  void memoryOnline() {
    memHotplugBegin(MEMORY_ONLINE); // mem_hotplug_begin()
    zonelistsMutex.lock();          // online_pages(): mutex_lock(&zonelists_mutex)
    getOnlineCpus(MEMORY_ONLINE);   // build_all_zonelists(): stop_machine(): get_online_cpus()
    putOnlineCpus(MEMORY_ONLINE);   // ... __stop_machine(__build_all_zonelists); put_online_cpus()
    zonelistsMutex.unlock();
    memActiveWriter = 0;            // mem_hotplug_done(): mem_hotplug.active_writer = NULL;
    memHotplugLock.unlock();        // mutex_unlock(&mem_hotplug.lock);
    memHotplugDepMap.lockMapRelease(); // memhp_lock_release();
    memoryAddRemoveLock.unlock();   // mutex_unlock(&memory_add_remove_lock);
  }

  /** kmem_cache_create() (mm/slab_common.c). */
  @Task("kmem_cache_create")
  void kmemCacheCreate() {
    getOnlineCpus(KMEM_CACHE_CREATE); // get_online_cpus()
    getOnlineMems(KMEM_CACHE_CREATE); // get_online_mems()
    putOnlineMems(KMEM_CACHE_CREATE); // ... mutex_lock(&slab_mutex) ... put_online_mems()
    putOnlineCpus(KMEM_CACHE_CREATE); // put_online_cpus()
  }

  /** cpu_down(1) -> _cpu_down(). */
  @Task("cpu_down")
  void cpuDown() {
    cpuHotplugBegin(CPU_DOWN);         // cpu_hotplug_begin()
    cpuActiveWriter = 0;               // cpu_hotplug_done(): cpu_hotplug.active_writer = NULL;
    cpuHotplugLock.unlock();           // mutex_unlock(&cpu_hotplug.lock);
    cpuHotplugDepMap.lockMapRelease(); // cpuhp_lock_release();
  }
}
