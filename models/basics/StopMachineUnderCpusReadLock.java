package basics;

import org.lockmc.kernel.CpuHotplug;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;

/**
 * Seed 003-C: once {@code mem_hotplug_begin()} took {@code cpus_read_lock()}, calling {@code
 * stop_machine()} (which takes it again) is a recursive read of a percpu rwsem: a {@code
 * cpu_down} whose write is pending between the two reads blocks the second one while it waits for
 * the first to drain. The fix is {@code stop_machine_cpuslocked()}.
 */
@LockModel(expect = Verdict.DEADLOCK, lockdep = Lockdep.CYCLE,
    source = "003_e104b5e8f2f6813b.txt:L29-L31, L178-L179; lockdep.md 4.6")
public class StopMachineUnderCpusReadLock {
  final CpuHotplug cpus = new CpuHotplug(2);
  int zonelists;

  @Task("memory_online")
  void online() {
    cpus.cpusReadLock(); //              mem_hotplug_begin(): cpus_read_lock()
    cpus.stopMachine(() -> zonelists++); // build_all_zonelists(): stop_machine(__build_all_zonelists)
    cpus.cpusReadUnlock();
  }

  @Task("cpu_down")
  void cpuDown() {
    cpus.cpuDown(() -> { });
  }
}
