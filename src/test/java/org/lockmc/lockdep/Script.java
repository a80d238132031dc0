package org.lockmc.lockdep;

import java.util.HashMap;
import java.util.Map;
import org.lockmc.engine.ExecutionOutcome;
import org.lockmc.engine.sync.LockdepEffect;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.Step;
import org.lockmc.engine.sync.SyncObject;
import org.lockmc.engine.sync.TaskLife;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.engine.sync.World;

/**
 * Drives a {@link LockdepRecorder} directly with lockdep effects, without an engine: each call is
 * one task's arrival at an operation and its performance. Model lines are {@code T.java:N}, N
 * counting the site reads (so tests can see the site cache at work).
 */
final class Script {
  /** A lock instance that never blocks. */
  static final class FakeLock extends SyncObject {
    FakeLock(String name) {
      super(name);
    }

    @Override
    public boolean enabled(Op op, TaskState task, World world) {
      return true;
    }

    @Override
    public Step perform(Op op, TaskState task, World world) {
      return Step.done();
    }
  }

  /** An operation with a given lockdep effect. */
  record FakeOp(SyncObject object, LockdepEffect effect, String text) implements Op {
    @Override
    public String describe() {
      return text;
    }

    @Override
    public LockdepEffect lockdep() {
      return effect;
    }
  }

  final LockdepRecorder recorder;
  int siteReads;
  private final Map<String, TaskState> tasks = new HashMap<>();
  private final Map<String, FakeLock> locks = new HashMap<>();

  Script(LockdepRules rules) {
    recorder = new LockdepRecorder(rules, () -> "T.java:" + (++siteReads));
    recorder.executionStarted();
  }

  /** Starts a new execution: fresh tasks and lock instances, the same names. */
  Script nextExecution() {
    recorder.executionEnded(new ExecutionOutcome.Completed(java.util.List.of()));
    recorder.executionStarted();
    tasks.clear();
    locks.clear();
    return this;
  }

  TaskState task(String name) {
    return tasks.computeIfAbsent(name, n -> new TaskState(tasks.size(), n));
  }

  FakeLock lock(String name) {
    return locks.computeIfAbsent(name, FakeLock::new);
  }

  private Script run(String task, FakeOp op, Step step) {
    TaskState t = task(task);
    recorder.arrived(t, op);
    recorder.performed(t, op, step);
    return this;
  }

  Script acquire(String task, String lock, int read) {
    return acquire(task, lock, 0, read);
  }

  Script acquire(String task, String lock, int subclass, int read) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.acquire(lock(lock), subclass, read),
        "acquire(" + lock + ")"), Step.done());
  }

  Script lock(String task, String lock) {
    return acquire(task, lock, 0);
  }

  Script trylock(String task, String lock, int read, boolean success) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.tryAcquire(lock(lock), read),
        "trylock(" + lock + ")"), Step.result(success));
  }

  Script unchecked(String task, String lock) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.acquireUnchecked(lock(lock), 2),
        "rcu_read_lock()"), Step.done());
  }

  Script nested(String task, String lock, String nest) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.acquireNested(lock(lock), lock(nest)),
        "lock_nest_lock(" + lock + ", " + nest + ")"), Step.done());
  }

  Script sync(String task, String lock) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.sync(lock(lock)), "sync(" + lock + ")"),
        Step.done());
  }

  Script mightLock(String task, String lock, int read) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.acquireRelease(lock(lock), read),
        "might_lock(" + lock + ")"), Step.done());
  }

  Script unlock(String task, String lock) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.release(lock(lock)),
        "unlock(" + lock + ")"), Step.done());
  }

  Script downgrade(String task, String lock) {
    return run(task, new FakeOp(lock(lock), LockdepEffect.downgrade(lock(lock)),
        "downgrade(" + lock + ")"), Step.done());
  }

  Script exit(String task) {
    TaskState t = task(task);
    recorder.performed(t, new TaskLife.Exit(t.life(), false), Step.done());
    return this;
  }

  /** {@code task} dies (a failed check ends it) with what it holds. */
  Script die(String task) {
    TaskState t = task(task);
    recorder.performed(t, new TaskLife.Exit(t.life(), true), Step.done());
    return this;
  }

  DependencyGraph graph() {
    return recorder.graph();
  }

  /** The edge {@code from -> to} (display names), or null. */
  Edge edge(String from, String to) {
    LockClass f = graph().find(from);
    LockClass t = graph().find(to);
    return f == null || t == null ? null : graph().edge(f, t);
  }
}
