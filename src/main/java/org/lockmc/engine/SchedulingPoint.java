package org.lockmc.engine;

import java.util.Arrays;
import org.lockmc.engine.sync.Op;

/**
 * The view a strategy gets at a scheduling point: every live task with its pending operation and
 * whether it may run now. Reused from point to point; strategies must copy what they keep.
 */
public final class SchedulingPoint {
  private int size;
  private int[] tasks = new int[8];
  private Op[] ops = new Op[8];
  private boolean[] enabled = new boolean[8];
  private boolean[] global = new boolean[8];
  private String[] names = new String[8];
  private int enabledCount;
  private int lastTask = -1;

  void clear(int last) {
    size = 0;
    enabledCount = 0;
    lastTask = last;
  }

  void add(int task, String name, Op op, boolean isEnabled, boolean isGlobal) {
    if (size == tasks.length) {
      int n = size * 2;
      names = Arrays.copyOf(names, n);
      tasks = Arrays.copyOf(tasks, n);
      ops = Arrays.copyOf(ops, n);
      enabled = Arrays.copyOf(enabled, n);
      global = Arrays.copyOf(global, n);
    }
    tasks[size] = task;
    names[size] = name;
    ops[size] = op;
    enabled[size] = isEnabled;
    global[size] = isGlobal;
    if (isEnabled) {
      enabledCount++;
    }
    size++;
  }

  /** Number of live tasks (running, blocked or deprioritised). */
  public int size() {
    return size;
  }

  public int task(int i) {
    return tasks[i];
  }

  /** The name of entry {@code i}'s task. */
  public String name(int i) {
    return names[i];
  }

  public Op op(int i) {
    return ops[i];
  }

  public boolean enabled(int i) {
    return enabled[i];
  }

  public boolean global(int i) {
    return global[i];
  }

  public int enabledCount() {
    return enabledCount;
  }

  /** The task that performed the previous event, or -1. */
  public int lastTask() {
    return lastTask;
  }

  /** The index of {@code task} in this point, or -1 when it is not live. */
  public int indexOf(int task) {
    for (int i = 0; i < size; i++) {
      if (tasks[i] == task) {
        return i;
      }
    }
    return -1;
  }

  /** Whether {@code task} is live and may run now. */
  public boolean isEnabled(int task) {
    int i = indexOf(task);
    return i >= 0 && enabled[i];
  }

  /** Whether the pending operation of entry {@code i} and {@code e} may not commute. */
  public boolean dependent(int i, Event e) {
    return Event.dependent(tasks[i], ops[i], global[i], e.task(), e.op(), e.global());
  }
}
