package org.lockmc.jvm;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.engine.sync.Step;
import org.lockmc.engine.sync.TaskLife;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.engine.sync.World;
import org.lockmc.engine.sync.YieldPoint;

/**
 * One run of a model on the plain JVM (or inside Java PathFinder): the primitives' {@code
 * SyncObject}s are operated by real threads under one Java monitor, so that their kernel blocking
 * rules become {@code wait}/{@code notifyAll} on that monitor.
 *
 * <p>It owns the monitor, the tasks of the run, the violations reported by primitives, and (on
 * the plain JVM) the stall detector.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>every {@code SyncObject} call ({@code enabled}, {@code perform}, {@code waitFor}) and
 *       every field of this class is used only while holding {@link #lock};
 *   <li>a task is {@linkplain JvmTaskRuntime#blockedOn() blocked} exactly while it waits in the
 *       monitor for its operation to become enabled;
 *   <li>every state change ends with {@code notifyAll} when any task waits (or the plain-JVM
 *       outcome waiter may), so a blocked task re-checks its operation whenever anything changed;
 *   <li>with stall detection off (under JPF) nothing here observes the blocked set: JPF's own
 *       deadlock property sees the threads waiting, and this class must not hide them.
 * </ul>
 */
public final class MonitorWorld implements World {
  private final Object lock = new Object();
  private final Semantics semantics;
  private final boolean detectStalls;
  private final YieldPoint scheduler = new YieldPoint();
  /** Where each performed operation is logged (JPF shows it as the error path's output), or null. */
  private final PrintStream log;
  private final List<JvmTaskRuntime> tasks = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();
  private int live;
  /** Tasks waiting in the monitor; a notify with none waiting would only cost JPF states. */
  private int waiting;
  private boolean stalled;
  private JvmStall stall;

  /**
   * @param semantics the kernel rules the primitives follow
   * @param underJpf whether the run is explored by JPF: then a task's failure propagates out of
   *     its thread as an uncaught exception, and stalls are left to JPF's deadlock property; on
   *     the plain JVM failures are recorded and a stall (every live task waiting with nothing to
   *     wake it) ends the run
   * @param log where to print one line per operation performed and per task that blocks, or null;
   *     under JPF ({@code report.console.property_violation = output}) these lines are the
   *     model-level trace of an error
   */
  public MonitorWorld(Semantics semantics, boolean underJpf, PrintStream log) {
    this.semantics = semantics;
    this.detectStalls = !underJpf;
    this.log = log;
  }

  /** Whether a task's failure must propagate out of its thread (JPF reports it). */
  boolean rethrowFailures() {
    return !detectStalls;
  }

  /** The object yield points act on. */
  YieldPoint scheduler() {
    return scheduler;
  }

  /** Creates a task of this run; {@link #startAll} starts it. */
  JvmTaskRuntime newTask(String name, Runnable body) {
    synchronized (lock) {
      JvmTaskRuntime t = new JvmTaskRuntime(this, new TaskState(tasks.size(), name), body);
      tasks.add(t);
      live++;
      return t;
    }
  }

  /**
   * Starts the threads of {@code first}, holding the monitor until all are started: in lockmc
   * every declared task exists from the beginning, and interleaving the starts with the first
   * operations would only multiply JPF's states.
   */
  void startAll(List<JvmTaskRuntime> first) {
    synchronized (lock) {
      for (JvmTaskRuntime t : first) {
        start(t);
      }
    }
  }

  /** Starts the thread of {@code task}. */
  private void start(JvmTaskRuntime task) {
    Thread thread = new Thread(task, task.task().name());
    // A stalled run leaves its tasks blocked forever; they must not keep the JVM alive.
    thread.setDaemon(detectStalls);
    thread.start();
  }

  /**
   * Performs {@code op} for {@code task}: waits until the operation is enabled, performs it, and
   * follows its continuations (a queued writer waiting for readers to drain) the same way.
   * Returns the result of the last step.
   */
  long perform(JvmTaskRuntime task, Op op) {
    synchronized (lock) {
      TaskState state = task.task();
      if (op.mightSleep() && state.inAtomic()) {
        violation(state, "sleeping function called from invalid context: " + op.describe()
            + " while " + state.atomicReason());
      }
      Op current = op;
      for (;;) {
        awaitEnabled(task, current);
        Step step = current.object().perform(current, state, this);
        wakeAll();
        if (log != null) {
          log(state, current.describe());
        }
        if (step.complete()) {
          return step.result();
        }
        current = step.next();
      }
    }
  }

  private void awaitEnabled(JvmTaskRuntime task, Op op) {
    while (!op.object().enabled(op, task.task(), this)) {
      if (log != null) {
        log(task.task(), op.describe() + " blocks: " + op.object().waitFor(op, task.task()).reason());
      }
      task.block(op);
      waiting++;
      try {
        if (detectStalls) {
          checkStall();
        }
        lock.wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("task " + task.task().name() + " interrupted while"
            + " blocked in " + op.describe(), e);
      } finally {
        waiting--;
        task.unblock();
      }
    }
  }

  private void wakeAll() {
    // the outcome waiter (plain JVM) also waits in the monitor, outside the count
    if (waiting > 0 || detectStalls) {
      lock.notifyAll();
    }
  }

  /** Only called when logging: building the text costs JPF states. */
  private void log(TaskState task, String what) {
    log.println("lockmc: " + task.name() + ": " + what);
  }

  /** A might-sleep annotation by {@code task}: a violation in atomic context. */
  void mightSleep(JvmTaskRuntime task, String what) {
    synchronized (lock) {
      TaskState state = task.task();
      if (state.inAtomic()) {
        violation(state, "sleeping function called from invalid context: " + what + " while "
            + state.atomicReason());
      }
    }
  }

  /**
   * {@code task}'s code returned ({@code failure == null}) or threw: its exit is performed (which
   * wakes tasks waiting for it), a lock still held by a task that returned normally is a
   * violation, and the run is over when it was the last live task.
   */
  void exited(JvmTaskRuntime task, boolean crashed) {
    synchronized (lock) {
      TaskState state = task.task();
      state.life().perform(new TaskLife.Exit(state.life(), crashed), state, this);
      task.markExited();
      if (log != null) {
        log(state, crashed ? "exit (failed)" : "exit");
      }
      if (!crashed && !state.held().isEmpty()) {
        violation(state, "task ended holding " + state.held()
            + " (lock held when returning to user space)");
      }
      live--;
      wakeAll();
      if (detectStalls) {
        checkStall();
      }
    }
  }

  /** Records a violation found outside a primitive (a failed check, an exception). */
  void failed(TaskState task, String message) {
    synchronized (lock) {
      violations.add(task.name() + ": " + message);
    }
  }

  /**
   * When every live task is blocked and none of their operations is enabled, nothing can ever
   * wake them: record the stall (with each task's wait) and wake the thread waiting for the
   * outcome.
   */
  private void checkStall() {
    if (stalled || live == 0) {
      return;
    }
    List<JvmTaskRuntime> blocked = new ArrayList<>();
    for (JvmTaskRuntime t : tasks) {
      if (t.exited()) {
        continue;
      }
      Op op = t.blockedOn();
      if (op == null || op.object().enabled(op, t.task(), this)) {
        return;
      }
      blocked.add(t);
    }
    stalled = true;
    stall = JvmStall.of(blocked);
    lock.notifyAll();
  }

  /**
   * Waits until every task has ended or the run stalled, for at most {@code millis}, and returns
   * the outcome; tasks still running then (a spinning task, a livelock) are named in it. Only for
   * runs with stall detection: without it a stalled run never ends.
   */
  JvmOutcome awaitOutcome(long millis) throws InterruptedException {
    if (!detectStalls) {
      throw new IllegalStateException("awaitOutcome needs stall detection");
    }
    long end = System.nanoTime() + millis * 1_000_000;
    synchronized (lock) {
      for (long left = millis; live > 0 && !stalled && left > 0;
          left = (end - System.nanoTime()) / 1_000_000) {
        lock.wait(left);
      }
      List<String> names = new ArrayList<>();
      List<String> running = new ArrayList<>();
      for (JvmTaskRuntime t : tasks) {
        names.add(t.task().name());
        if (!stalled && !t.exited()) {
          running.add(t.task().name());
        }
      }
      return new JvmOutcome(names, violations, stall, running);
    }
  }

  /**
   * Waits until {@code task} is blocked, for at most {@code millis}; whether it is. For tests and
   * tools that must order real threads.
   */
  boolean awaitBlocked(String task, long millis) throws InterruptedException {
    long end = System.currentTimeMillis() + millis;
    synchronized (lock) {
      for (;;) {
        for (JvmTaskRuntime t : tasks) {
          if (t.task().name().equals(task) && t.blockedOn() != null) {
            return true;
          }
        }
        long left = end - System.currentTimeMillis();
        if (left <= 0 || stalled) {
          return false;
        }
        lock.wait(Math.min(left, 10));
      }
    }
  }

  // ---- World ---------------------------------------------------------------------------------

  /**
   * Records a misuse found by a primitive and marks the task: it ends with an {@link
   * AssertionError} once its operation is complete (so that JPF reports it as an uncaught
   * exception; lockmc's engine lets the task continue instead).
   */
  @Override
  public void violation(TaskState task, String message) {
    violations.add(task.name() + ": " + message);
    for (JvmTaskRuntime t : tasks) {
      if (t.task() == task) {
        t.violated(message);
      }
    }
  }

  @Override
  public Semantics semantics() {
    return semantics;
  }

  @Override
  public TaskState spawn(TaskState parent, String name, Runnable body) {
    String unique = name;
    for (int k = 1; nameTaken(unique); k++) {
      unique = name + "#" + k;
    }
    JvmTaskRuntime child = newTask(unique, body);
    start(child);
    return child.task();
  }

  private boolean nameTaken(String name) {
    for (JvmTaskRuntime t : tasks) {
      if (t.task().name().equals(name)) {
        return true;
      }
    }
    return false;
  }
}
