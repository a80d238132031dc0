package basics;

import org.lockmc.kernel.KernfsNode;
import org.lockmc.kernel.Mutex;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Removing a sysfs file waits for its active references, so removing it while holding a lock that
 * the file's {@code store} takes deadlocks: the writer holds an active reference and waits for the
 * lock, the remover holds the lock and waits for the reference (lockdep.md 4.11, example C).
 * Lockdep sees it: the store holds {@code kn->active} for read, the removal acquires it for write.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "lockdep.md 4.11 (kernfs active references), 1.10 example C")
public class KernfsRemoveUnderLock {
  final KernfsNode state = new KernfsNode("kn->active#memory_state");
  final Mutex deviceHotplugLock = new Mutex("device_hotplug_lock");

  @Task("udevadm")
  void store() {
    if (state.getActive()) { //        kernfs_fop_write(): kernfs_get_active()
      deviceHotplugLock.lock(); //     store_mem_state(): lock_device_hotplug_sysfs()
      deviceHotplugLock.unlock();
      state.putActive();
    }
  }

  @Task("remove_memory")
  void remove() {
    deviceHotplugLock.lock(); //       lock_device_hotplug()
    state.remove(); //                 device_del() -> kernfs_remove(): waits for the store
    deviceHotplugLock.unlock();
  }
}
