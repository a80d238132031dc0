package thp;

import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.model.Lockdep;
import org.lockmc.model.LockModel;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 002-A after PATCH 2/3 (stand-in until the library's thpswapin models exist):
 * sum_vm_event() moves before down_write(&mm->mmap_sem), so the dependency mmap_sem ->
 * cpu_hotplug.lock is gone.
 */
@LockModel(expect = Verdict.SAFE, lockdep = Lockdep.NO_CYCLE,
    source = "002_f1d609b38e82f802.txt:L132-L149")
public class ThpSwapinAfter {
  final RwSemaphore sActive = new RwSemaphore("s_active");
  final RwSemaphore mmapSem = new RwSemaphore("&mm->mmap_sem");
  final Mutex cpuHotplugLock = new Mutex("cpu_hotplug.lock");

  @Task("udevadm")
  void udevadm() {
    if (sActive.downReadTrylock()) {
      mmapSem.downRead();
      mmapSem.upRead();
      sActive.upRead();
    }
  }

  @Task("khugepaged")
  void khugepaged() {
    cpuHotplugLock.lock(); //          sum_vm_event() -> get_online_cpus(), before mmap_sem
    cpuHotplugLock.unlock();
    mmapSem.downWrite();
    mmapSem.upWrite();
  }

  @Task("cpu_down")
  void cpuDown() {
    cpuHotplugLock.lock();
    sActive.downWrite();
    sActive.upWrite();
    cpuHotplugLock.unlock();
  }
}
