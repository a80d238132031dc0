package thp;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 002-A before PATCH 2/3 (stand-in until the library's thpswapin models exist):
 * collapse_huge_page() calls sum_vm_event() -> get_online_cpus() under down_write(mmap_sem).
 * The kernfs active reference is modelled as an rwsem: kernfs_get_active() is a read trylock,
 * kernfs_drain() a write acquisition that waits for the readers.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "002_f1d609b38e82f802.txt:L70-L130, L158-L159")
public class ThpSwapinBefore {
  final RwSemaphore sActive = new RwSemaphore("s_active");
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final Mutex cpuHotplugLock = new Mutex("cpu_hotplug.lock");

  @Task("udevadm")
  void udevadm() {
    if (sActive.downReadTrylock()) { // kernfs_fop_write(): kernfs_get_active()
      mmapSem.downRead(); //           copy_from_user() faults: down_read(&mm->mmap_sem)
      mmapSem.upRead();
      sActive.upRead(); //             kernfs_put_active()
    }
  }

  @Task("khugepaged")
  void khugepaged() {
    mmapSem.downWrite(); //            collapse_huge_page()
    cpuHotplugLock.lock(); //          sum_vm_event() -> get_online_cpus()
    cpuHotplugLock.unlock();
    mmapSem.upWrite();
  }

  @Task("cpu_down")
  void cpuDown() {
    cpuHotplugLock.lock(); //          cpu_hotplug_begin()
    sActive.downWrite(); //            CPU_DEAD: device_destroy() -> kernfs_drain()
    sActive.upWrite();
    cpuHotplugLock.unlock(); //        cpu_hotplug_done()
  }
}
