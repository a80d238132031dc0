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
 * Seed 002-A after PATCH 2/3: "This patch moves sum_vm_event() before taking
 * down_write(&mm->mmap_sem) to solve dependency lock" (002:L132-L133; the '+' lines 002:L148-L149).
 * Nobody objected; Ebru's follow-up (002:L314-L331) forwards the wish to drop the "allocstall
 * magic" altogether, which would remove {@code get_online_cpus()} from this path.
 *
 * <p>Verdict SAFE, lockdep NO_CYCLE: khugepaged no longer holds {@code mmap_sem} when it takes
 * {@code cpu_hotplug.lock}, so the edge {@code &mm->mmap_sem -> cpu_hotplug.lock} and with it the
 * cycle are gone. Everything else is {@link SumVmEventUnderMmapSem}: udevadm may still wait for
 * khugepaged's {@code mmap_sem}, and cpu_down for udevadm's reference, but khugepaged now waits for
 * nothing while it holds {@code mmap_sem}.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "002_f1d609b38e82f802.txt:L132-L133, L144-L159 (PATCH 2/3, '+' lines)")
public class SumVmEventBeforeMmapSem {
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
    sumVmEvent();        // curr_allocstall = sum_vm_event(ALLOCSTALL);  (002:L149)
    mmapSem.downWrite(); // down_write(&mm->mmap_sem): "Prevent all access to pagetables"
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
