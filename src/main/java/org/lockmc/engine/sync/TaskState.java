package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The kernel-visible state of one task in one execution: its name, the locks it holds (in
 * acquisition order, as lockdep's held-lock stack), whether it is in atomic context, and the
 * flags other tasks set on it (a fatal signal, {@code kthread_should_stop()}).
 *
 * <p>Only the primitives' {@link SyncObject}s change it, and only from {@link SyncObject#perform}.
 */
public final class TaskState {
  private final int id;
  private final String name;
  private final List<Held> held = new ArrayList<>();
  private final List<String> atomicReasons = new ArrayList<>();
  private boolean fatalSignal;
  private boolean shouldStop;
  private boolean exited;
  private boolean kicked;
  private final TaskLife life;

  /** A lock held by this task, and how (for example {@code read} or {@code write}). */
  public record Held(SyncObject lock, String mode) {
    @Override
    public String toString() {
      return mode.isEmpty() ? lock.name() : lock.name() + " (" + mode + ")";
    }
  }

  public TaskState(int id, String name) {
    this.id = id;
    this.name = name;
    this.life = new TaskLife(this);
  }

  /** The object through which other tasks observe this task's life (its exit, its stop flag). */
  public TaskLife life() {
    return life;
  }

  /** Stable id of the task within an exploration (declaration order, then creation order). */
  public int id() {
    return id;
  }

  public String name() {
    return name;
  }

  /** Records that this task now holds {@code lock} in {@code mode}. */
  public void acquired(SyncObject lock, String mode) {
    held.add(new Held(lock, mode));
  }

  /** Records the release of the most recent hold of {@code lock} in {@code mode}. */
  public void released(SyncObject lock, String mode) {
    for (int i = held.size() - 1; i >= 0; i--) {
      Held h = held.get(i);
      if (h.lock() == lock && h.mode().equals(mode)) {
        held.remove(i);
        return;
      }
    }
  }

  /** Replaces the most recent hold of {@code lock} in mode {@code from} by one in mode {@code to}. */
  public void changeMode(SyncObject lock, String from, String to) {
    for (int i = held.size() - 1; i >= 0; i--) {
      Held h = held.get(i);
      if (h.lock() == lock && h.mode().equals(from)) {
        held.set(i, new Held(lock, to));
        return;
      }
    }
  }

  /** How many holds of {@code lock} this task has, in any mode. */
  public int holdCount(SyncObject lock) {
    int n = 0;
    for (Held h : held) {
      if (h.lock() == lock) {
        n++;
      }
    }
    return n;
  }

  /** The locks held, outermost first. */
  public List<Held> held() {
    return Collections.unmodifiableList(held);
  }

  /** Enters atomic context (a spinlock taken, {@code rcu_read_lock()}); {@code why} names it. */
  public void enterAtomic(String why) {
    atomicReasons.add(why);
  }

  /** Leaves the innermost atomic context entered with reason {@code why}. */
  public void exitAtomic(String why) {
    int i = atomicReasons.lastIndexOf(why);
    if (i >= 0) {
      atomicReasons.remove(i);
    }
  }

  /** Whether sleeping is forbidden now. */
  public boolean inAtomic() {
    return !atomicReasons.isEmpty();
  }

  /** Why the task is in atomic context (the innermost reason), or an empty string. */
  public String atomicReason() {
    return atomicReasons.isEmpty() ? "" : atomicReasons.get(atomicReasons.size() - 1);
  }

  public boolean fatalSignalPending() {
    return fatalSignal;
  }

  /** Sets {@code SIGKILL} pending (the OOM killer's choice). */
  public void kill() {
    fatalSignal = true;
  }

  /** {@code wake_up_process()}: the task's current sleep ends, whatever it sleeps on. */
  public void wakeUpProcess() {
    kicked = true;
  }

  /** Whether a {@code wake_up_process()} came since the task last went to sleep. */
  public boolean kicked() {
    return kicked;
  }

  /** The task went to sleep (or woke): a later {@link #wakeUpProcess()} is a new wake-up. */
  public void clearKick() {
    kicked = false;
  }

  public boolean shouldStop() {
    return shouldStop;
  }

  /** Makes {@code kthread_should_stop()} true for this task. */
  public void requestStop() {
    shouldStop = true;
  }

  public boolean exited() {
    return exited;
  }

  /** Marks the task as having returned (or died). */
  public void exit() {
    exited = true;
  }

  @Override
  public String toString() {
    return name;
  }
}
