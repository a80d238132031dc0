package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The cpu stopper machinery behind {@code stop_machine()} (lockdep.md section 4.6), and {@code
 * lockdep_assert_cpus_held()}.
 *
 * <p>{@code stop_machine_cpuslocked(fn)} queues a stopper on every cpu and waits until all of them
 * run; a cpu's stopper cannot run while that cpu is non-preemptible, so the barrier waits for every
 * other task that is in atomic context (holds a spinlock, is inside RCU) to leave it. Then {@code
 * fn} runs with interrupts disabled everywhere: it is atomic context for the caller (sleeping in
 * it is a violation), and no other task runs until it returns, "a very heavy write lock". Both
 * steps are global operations: they change whether every other task may run.
 *
 * <p>Calling {@code stop_machine_cpuslocked} without holding {@code cpus_read_lock()} is a
 * violation ({@code lockdep_assert_cpus_held()}); calling either variant in atomic context is one
 * too (they sleep).
 */
public final class StopMachineState extends SyncObject {
  private final SyncObject cpuHotplugLock;
  /** The tasks in atomic context the barrier found when it last looked, for {@link #waitFor}. */
  private List<TaskState> nonPreemptible = List.of();

  /** The operations. */
  public enum Kind {
    ASSERT_CPUS_HELD,
    STOP_CPUS,
    RESTART
  }

  /** One operation. */
  public record StopOp(StopMachineState object, Kind kind) implements Op {
    @Override
    public String describe() {
      switch (kind) {
        case ASSERT_CPUS_HELD:
          return "lockdep_assert_cpus_held()";
        case STOP_CPUS:
          return "stop_cpus(multi_cpu_stop) [every cpu stops]";
        default:
          return "multi_cpu_stop() done [cpus restart]";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.STOP_CPUS;
    }

    @Override
    public boolean global() {
      return kind != Kind.ASSERT_CPUS_HELD;
    }
  }

  /** @param cpuHotplugLock the {@code cpu_hotplug_lock} that the assertion checks */
  public StopMachineState(SyncObject cpuHotplugLock) {
    super("stop_machine");
    this.cpuHotplugLock = cpuHotplugLock;
  }

  private static String atomicReason() {
    return "inside stop_machine(): fn runs with interrupts disabled on every cpu";
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    if (((StopOp) op).kind() != Kind.STOP_CPUS) {
      return true;
    }
    List<TaskState> others = new ArrayList<>(world.tasksInAtomic());
    others.remove(task);
    nonPreemptible = others;
    return others.isEmpty();
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    switch (((StopOp) op).kind()) {
      case ASSERT_CPUS_HELD:
        if (task.holdCount(cpuHotplugLock) == 0) {
          world.violation(task, "lockdep_assert_cpus_held(): " + task.name() + " does not hold "
              + cpuHotplugLock.name() + " (call cpus_read_lock() first, or use the variant"
              + " without _cpuslocked)");
        }
        return Step.done();
      case STOP_CPUS:
        world.stopMachine(task);
        task.enterAtomic(atomicReason());
        return Step.done();
      default:
        task.exitAtomic(atomicReason());
        world.restartMachine(task);
        return Step.done();
    }
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    return WaitFor.allOf(nonPreemptible, "stop_machine() waits for every cpu's stopper; "
        + RwSemaphoreState.names(nonPreemptible) + " cannot be preempted (atomic context)");
  }
}
