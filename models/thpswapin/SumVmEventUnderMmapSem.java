package thpswapin;

import org.lockmc.kernel.AtomicCounter;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.KernfsNode;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 002-A before PATCH 2/3: {@code collapse_huge_page()} calls {@code sum_vm_event()}, and so
 * {@code get_online_cpus()}, with the target mm's {@code mmap_sem} held for write (the '-' lines,
 * 002:L158-L159). The kernel robot's splat (002:L70-L130) is the cycle {@code s_active ->
 * &mm->mmap_sem -> cpu_hotplug.lock -> s_active}: udevadm faults in {@code copy_from_user()} while
 * holding a sysfs file's active reference, khugepaged takes the cpu hotplug mutex under {@code
 * mmap_sem}, and cpu_down removes that sysfs file while holding the cpu hotplug mutex.
 *
 * <p>Verdict DEADLOCK, from three rules together: <b>removing a kernfs file waits for its active
 * references</b> ({@code kernfs_drain}), <b>{@code cpu_hotplug_begin()} keeps {@code
 * cpu_hotplug.lock} for the whole hotplug once no reader holds a reference</b>, and a reader blocks
 * on a held write of {@code mmap_sem}. udevadm holds the reference and waits for khugepaged's
 * {@code mmap_sem}; khugepaged waits for the mutex; cpu_down holds the mutex and drains the
 * reference. The patch's step, calling {@code sum_vm_event()} before {@code down_write}, removes
 * the middle edge: {@link SumVmEventBeforeMmapSem}. It needs the same sysfs file (udevadm writing
 * the {@code uevent} of the cpuid device that is going away) and the same mm, hence a rare but real
 * deadlock (scenario report 002-A).
 *
 * <p>The 4.6 {@code get_online_cpus()} is modelled as it was: readers take the mutex only to bump
 * the refcount; the writer waits for the refcount to drop to zero and then keeps the mutex. Left
 * out: its {@code active_writer} recursion escape (only cpu_down writes, and it never reads) and
 * its recursive-read lockdep map, also named {@code cpu_hotplug.lock} (which is why the splat
 * prints the mutex as {@code cpu_hotplug.lock#2}: a second class with that name); the 2016 lockdep
 * stored no dependency through that map, and its chain runs through the mutex, as here.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "002_f1d609b38e82f802.txt:L66-L133 (the splat), L144-L159 (PATCH 2/3, '-' lines)")
public class SumVmEventUnderMmapSem {
  /** /sys/devices/virtual/cpuid/cpu1/uevent; its active reference is lockdep's s_active#12. */
  final KernfsNode cpuidUevent = new KernfsNode("s_active");
  /** udevadm's mm, in which khugepaged is collapsing. */
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  /** The 4.6 cpu_hotplug construct (kernel/cpu.c): its mutex and its atomic refcount. */
  final Mutex cpuHotplugLock = new Mutex("cpu_hotplug.lock");
  final AtomicCounter cpuHotplugRefcount = new AtomicCounter("cpu_hotplug.refcount", 0);

  /** get_online_cpus(). */
  void getOnlineCpus() {
    cpuHotplugLock.lock();    // mutex_lock(&cpu_hotplug.lock);
    cpuHotplugRefcount.inc(); // atomic_inc(&cpu_hotplug.refcount);
    cpuHotplugLock.unlock();  // mutex_unlock(&cpu_hotplug.lock);
  }

  /** put_online_cpus(): the last reference wakes the writer. */
  void putOnlineCpus() {
    cpuHotplugRefcount.dec(); // atomic_dec_return(); wake_up(&cpu_hotplug.wq)
  }

  /** cpu_hotplug_begin(): returns holding cpu_hotplug.lock, with no reader inside. */
  void cpuHotplugBegin() {
    for (;;) {
      cpuHotplugLock.lock();                // mutex_lock(&cpu_hotplug.lock);
      if (cpuHotplugRefcount.read() == 0) { // if (likely(!atomic_read(&cpu_hotplug.refcount)))
        return;                             // break;
      }
      cpuHotplugLock.unlock();              // mutex_unlock(&cpu_hotplug.lock);
      cpuHotplugRefcount.waitUntilZero();   // schedule(), until put_online_cpus() wakes us
    }
  }

  /** sum_vm_event(ALLOCSTALL): sums every online cpu's counter under get_online_cpus(). */
  void sumVmEvent() {
    getOnlineCpus();
    putOnlineCpus();
  }

  /** udevadm trigger: write(2) to the uevent file of /sys/devices/virtual/cpuid/cpu1. */
  @Task("udevadm")
  void udevadm() {
    if (cpuidUevent.getActive()) { // kernfs_fop_write(): kernfs_get_active(of->kn)
      Kernel.mightFault(mmapSem);  // copy_from_user(): __might_fault(), the splat's #0
      mmapSem.downRead(); // the buffer is not resident: __do_page_fault(): down_read(&mm->mmap_sem)
      mmapSem.upRead();
      cpuidUevent.putActive();     // kernfs_put_active(of->kn)
    }
  }

  /** khugepaged -> collapse_huge_page(mm = udevadm's mm), after allocating the huge page. */
  @Task("khugepaged")
  void khugepaged() {
    mmapSem.downWrite(); // down_write(&mm->mmap_sem): "Prevent all access to pagetables"
    sumVmEvent();        // curr_allocstall = sum_vm_event(ALLOCSTALL);  (002:L159)
    mmapSem.upWrite();   // up_write(&mm->mmap_sem)
  }

  /** debug_hotplug_cpu() -> cpu_down(1) -> _cpu_down(). */
  @Task("cpu_down")
  void cpuDown() {
    cpuHotplugBegin();       // cpu_hotplug_begin()
    // CPU_DEAD: cpuid_class_cpu_callback() -> device_destroy() -> __kernfs_remove()
    cpuidUevent.remove();
    cpuHotplugLock.unlock(); // cpu_hotplug_done(): mutex_unlock(&cpu_hotplug.lock)
  }
}
