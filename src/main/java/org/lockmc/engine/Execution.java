package org.lockmc.engine;

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
 * One execution of a model: a fresh instance, one thread per task, exactly one of them running at
 * a time. At every operation the running task runs the scheduler (on its own thread), which asks
 * the strategy whom to run, performs that task's operation on the primitive's state and hands the
 * permit to it.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>scheduler state is touched only by the thread holding the permit;
 *   <li>an execution runs until no task can run, so its findings depend only on its
 *       Mazurkiewicz trace (which DPOR relies on); a deadlock that forms while other tasks can
 *       still run is recorded at the step it formed, and those tasks carry on;
 *   <li>a task that exceeds its step bound is frozen and reported as a livelock.
 * </ul>
 */
final class Execution implements World {
  private final ModelDefinition model;
  private final ExplorerConfig config;
  private final ExplorationStrategy strategy;
  private final TaskThreads threads;
  private final List<ExecutionListener> listeners;
  private final long deadline;
  private final boolean captureSites;

  private final TaskRegistry registry;
  private final TaskTable tasks = new TaskTable();
  /** The runner of the thread that runs the scheduler now. */
  private Runner active;
  private final Runner controller;
  private final SchedulingPoint point = new SchedulingPoint();
  private final List<Event> events = new ArrayList<>();
  private final Decisions decisions = new Decisions();
  private final ModelSites sites;
  private final List<TraceEntry> dataChoices = new ArrayList<>();
  private final List<Finding> findings = new ArrayList<>();
  private final Memory memory = new Memory();
  private final YieldPoint yieldPoint = new YieldPoint();
  private final StuckTracker stuck = new StuckTracker();
  private int lastTask = -1;
  /** The task running {@code stop_machine()}'s callback, or null: only it may run. */
  private TaskState stoppedBy;
  private boolean ended;
  private ExecutionOutcome outcome;
  private RuntimeException internalError;

  Execution(ModelDefinition model, ExplorerConfig config, ExplorationStrategy strategy,
      TaskThreads threads, List<ExecutionListener> listeners, long deadline, boolean captureSites,
      TaskRegistry registry) {
    this.registry = registry;
    this.controller = new Runner(threads.spins());
    this.sites = new ModelSites(model.type().getClassLoader());
    this.model = model;
    this.config = config;
    this.strategy = strategy;
    this.threads = threads;
    this.listeners = listeners;
    this.deadline = deadline;
    this.captureSites = captureSites;
  }

  /** Runs the execution to its end on the calling (explorer) thread and returns its outcome. */
  ExecutionOutcome run() {
    controller.attach(Thread.currentThread());
    for (ExecutionListener l : listeners) {
      l.executionStarted();
    }
    Object instance = model.newInstance();
    memory.model(instance);
    List<TaskControl> initial = new ArrayList<>();
    for (TaskSpec spec : model.tasks()) {
      for (int i = 0; i < spec.instances(); i++) {
        int index = i;
        String name = spec.instanceName(i);
        TaskControl t = new TaskControl(this, registry.id("task:" + name), name, () -> {
          if (spec.takesIndex()) {
            spec.method().invoke(instance, index);
          } else {
            spec.method().invoke(instance);
          }
        });
        tasks.add(t);
        initial.add(t);
      }
    }
    active = controller;
    try {
      for (TaskControl t : initial) {
        t.start(threads, controller);
      }
      TaskControl first = schedule(controller);
      if (first != null) {
        controller.transfer(first.runner);
      }
    } finally {
      tasks.abortAll();
    }
    if (internalError != null) {
      throw internalError;
    }
    for (ExecutionListener l : listeners) {
      l.executionEnded(outcome);
    }
    return outcome;
  }

  // ---- called by task threads -------------------------------------------------------------

  /** {@code t} reached {@code op} (on its own thread). */
  void arrived(TaskControl t, Op op) {
    if (captureSites) {
      t.site = callSite();
    }
    if (op.mightSleep() && t.state.inAtomic()) {
      violation(t.state, "sleeping function called from invalid context: " + op.describe()
          + " while " + t.state.atomicReason());
    }
    for (ExecutionListener l : listeners) {
      l.arrived(t.state, op);
    }
  }

  int spins() {
    return threads.spins();
  }

  TaskControl task(int id) {
    return tasks.get(id);
  }

  /** The scheduler found the execution over while {@code t}'s thread held the permit. */
  void endedOn(TaskControl t) {
    controller.grant();
    t.runner.awaitPermit();
  }

  void crashed(TaskControl t, Throwable cause) {
    violation(t.state, ModelSites.describe(cause));
  }

  void mightSleep(TaskControl t, String what) {
    if (t.state.inAtomic()) {
      violation(t.state, "sleeping function called from invalid context: " + what + " while "
          + t.state.atomicReason());
    }
  }

  int choose(TaskControl t, int n) {
    int v = strategy.chooseValue(t.id, n);
    if (v < 0 || v >= n) {
      throw new IllegalStateException("strategy chose " + v + " outside [0, " + n + ")");
    }
    decisions.chose(new Choice(t.name(), v, "choose(" + n + ")"));
    dataChoices.add(new TraceEntry(events.size(), t.name(), "choose(" + n + ") = " + v,
        captureSites ? callSite() : null));
    return v;
  }

  Memory memory() {
    return memory;
  }

  /** The value of the model's {@code @Param} field {@code field} in this execution, or null. */
  Object param(String field) {
    return model.param(field);
  }

  /**
   * {@code t} ran {@code iterations} loop iterations without an operation: it is frozen there and
   * reported as a livelock. Returns the operation it stays pending on.
   */
  Op localLoop(TaskControl t, long iterations) {
    Op spin = new LocalLoop.Spin(new LocalLoop(t.name()), iterations);
    t.status = TaskControl.Status.FROZEN;
    findings.add(new Finding.Livelock(t.name(), t.steps, spin.describe(), events.size()));
    return spin;
  }

  Op yieldOp(String what) {
    return new YieldPoint.Yield(yieldPoint, what);
  }

  String callSite() {
    return sites.callSite();
  }

  // ---- World --------------------------------------------------------------------------------

  @Override
  public void violation(TaskState task, String message) {
    findings.add(new Finding.Violation(task.name(), message, events.size()));
  }

  @Override
  public Semantics semantics() {
    return config.semantics();
  }

  @Override
  public List<TaskState> tasksInAtomic() {
    List<TaskState> out = new ArrayList<>();
    for (TaskControl t : tasks.all()) {
      if (t.status != TaskControl.Status.FINISHED && t.state.inAtomic()) {
        out.add(t.state);
      }
    }
    return out;
  }

  @Override
  public void stopMachine(TaskState by) {
    stoppedBy = by;
  }

  @Override
  public void restartMachine(TaskState by) {
    if (stoppedBy == by) {
      stoppedBy = null;
    }
  }

  // ---- the scheduler ------------------------------------------------------------------------

  /**
   * Performs operations until one task must resume, and returns it; null when the execution is
   * over (then the outcome is set). Runs on whichever thread holds the permit.
   */
  TaskControl schedule(Runner self) {
    active = self;
    try {
      return scheduleLoop();
    } catch (ModelError e) {
      internalError = e;
      ended = true;
      outcome = new ExecutionOutcome.Cut("model error");
      return null;
    } catch (RuntimeException | Error e) {
      internalError = new IllegalStateException("lockmc internal error while scheduling "
          + model.name() + ": " + e, e);
      ended = true;
      outcome = new ExecutionOutcome.Cut("internal error");
      return null;
    }
  }

  private TaskControl scheduleLoop() {
    for (;;) {
      if (ended) {
        return null;
      }
      if (System.nanoTime() > deadline) {
        ended = true;
        outcome = new ExecutionOutcome.Cut("time=" + config.timeLimit());
        return null;
      }
      buildPoint();
      stuck.observe(this, events.isEmpty() ? null : events.get(events.size() - 1));
      if (point.enabledCount() == 0) {
        finish(true);
        return null;
      }
      int chosen = strategy.chooseTask(point);
      if (chosen == ExplorationStrategy.SLEEP_BLOCKED) {
        ended = true;
        outcome = new ExecutionOutcome.Redundant();
        return null;
      }
      if (chosen == ExplorationStrategy.STOP) {
        finish(false);
        return null;
      }
      TaskControl t = tasks.get(chosen);
      Op op = t.pending;
      Step step = perform(t, op, false);
      if (!step.complete()) {
        t.pending = step.next();
        continue;
      }
      t.pending = null;
      t.result = step.result();
      if (t.steps > config.maxStepsPerTask()) {
        t.status = TaskControl.Status.FROZEN;
        findings.add(new Finding.Livelock(t.name(), t.steps, op.describe(), events.size()));
        continue;
      }
      return t;
    }
  }

  private void buildPoint() {
    point.clear(lastTask);
    for (TaskControl t : tasks.all()) {
      if (t.status != TaskControl.Status.RUNNABLE) {
        continue;
      }
      boolean opEnabled = t.pending.object().enabled(t.pending, t.state, this);
      t.opEnabled = opEnabled;
    }
    for (TaskControl t : tasks.all()) {
      if (t.status != TaskControl.Status.RUNNABLE) {
        continue;
      }
      boolean enabled = t.opEnabled && (stoppedBy == null || stoppedBy == t.state);
      if (enabled && !t.yieldWait.isEmpty()) {
        for (int u = t.yieldWait.nextSetBit(0); u >= 0; u = t.yieldWait.nextSetBit(u + 1)) {
          TaskControl o = tasks.get(u);
          if (o.status != TaskControl.Status.RUNNABLE || !o.opEnabled) {
            t.yieldWait.clear(u);
          }
        }
        enabled = t.yieldWait.isEmpty();
      }
      point.add(t.id, t.name(), t.pending, enabled, t.pendingGlobal);
    }
  }

  private Step perform(TaskControl t, Op op, boolean forced) {
    spawnedNow = -1;
    Step step = op.object().perform(op, t.state, this);
    Event e = new Event(events.size(), t.id, op, t.pendingGlobal, t.site, forced, spawnedNow);
    events.add(e);
    t.steps++;
    if (forced) {
      strategy.forced(e);
    } else {
      decisions.scheduled(e);
      lastTask = t.id;
      strategy.performed(e, point);
    }
    for (ExecutionListener l : listeners) {
      l.performed(t.state, op, step);
    }
    for (TaskControl o : tasks.all()) {
      o.yieldWait.clear(t.id);
    }
    if (op instanceof YieldPoint.Yield) {
      for (int i = 0; i < point.size(); i++) {
        if (point.task(i) != t.id && point.enabled(i)) {
          t.yieldWait.set(point.task(i));
        }
      }
    }
    t.pendingGlobal = false;
    return step;
  }

  /**
   * Performs {@code t}'s {@link Op#local() local} operation at once, on its own thread (which
   * holds the permit), without a scheduling decision; returns its result.
   */
  long performLocal(TaskControl t, Op op) {
    boolean global = t.pendingGlobal;
    t.pendingGlobal = false;
    Step step = perform(t, op, true);
    t.pendingGlobal = global;
    if (!step.complete()) {
      throw new IllegalStateException(op.describe() + " is local but did not complete");
    }
    return step.result();
  }

  /**
   * {@code t}'s code returned (on its own thread, which holds the permit): its exit is performed
   * at once, without a scheduling decision (delaying it would only delay tasks waiting for it),
   * and the scheduler carries on. The thread then ends.
   */
  void exit(TaskControl t) {
    t.pending = new TaskLife.Exit(t.life, t.crashed);
    t.origin = t.pending;
    perform(t, t.pending, true);
    t.status = TaskControl.Status.FINISHED;
    t.pending = null;
    if (!t.crashed && !t.state.held().isEmpty()) {
      violation(t.state, "task ended holding " + t.state.held()
          + " (lock held when returning to user space)");
    }
    if (!t.started()) {
      t.endedBeforeFirstOperation();
      return;
    }
    TaskControl next = schedule(t.runner);
    if (next == null) {
      controller.grant();
    } else {
      next.runner.grant();
    }
  }

  @Override
  public TaskState spawn(TaskState parent, String name, Runnable body) {
    TaskControl p = tasks.get(parent.id());
    int id = registry.id(parent.id() + "#" + p.spawned++);
    String unique = name;
    for (int k = 1; tasks.nameTaken(unique); k++) {
      unique = name + "#" + k;
    }
    TaskControl child = new TaskControl(this, id, unique, body::run);
    tasks.add(child);
    spawnedNow = id;
    Runner self = active;
    child.start(threads, self);
    active = self;
    return child.state;
  }



  private int spawnedNow = -1;

  /** Ends the execution and computes its findings; {@code maximal} when no task could run. */
  private void finish(boolean maximal) {
    if (maximal) {
      for (TaskControl t : tasks.all()) {
        if (t.pending != null && t.status != TaskControl.Status.FINISHED
            && (t.status == TaskControl.Status.FROZEN || !t.opEnabled)) {
          strategy.pendingAtEnd(t.id, t.pending, t.pendingGlobal);
        }
      }
    }
    ended = true;
    outcome = new ExecutionOutcome.Completed(Findings.conclude(this, maximal));
  }

  // ---- state the analyses read ---------------------------------------------------------------

  List<TaskControl> tasks() {
    return tasks.all();
  }

  List<Event> events() {
    return events;
  }

  List<Finding> findings() {
    return findings;
  }

  StuckTracker stuck() {
    return stuck;
  }

  /** The decisions of this execution so far, as a replayable schedule. */
  List<Choice> decisions() {
    return decisions.choices(id -> tasks.get(id).name());
  }

  List<TraceEntry> dataChoices() {
    return dataChoices;
  }
}
