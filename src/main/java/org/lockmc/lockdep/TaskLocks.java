package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.SyncObject;

/**
 * One task's lockdep state in the current execution: its held-lock stack ({@code
 * task_struct::held_locks}), the classes it holds exclusively, and the bookkeeping the recorder
 * needs between a task's arrival at an operation and its performance.
 *
 * <p>Owned by {@link LockdepRecorder}; reset lazily when a new execution reaches the task.
 */
final class TaskLocks {
  /** One held entry; {@code count > 1} when {@code nest_lock} merged several acquisitions. */
  static final class Entry {
    final LockClass lockClass;
    final SyncObject instance;
    int read;
    final boolean trylock;
    final boolean check;
    final String site;
    int count = 1;

    Entry(LockClass lockClass, SyncObject instance, int read, boolean trylock, boolean check,
        String site) {
      this.lockClass = lockClass;
      this.instance = instance;
      this.read = read;
      this.trylock = trylock;
      this.check = check;
      this.site = site;
    }

    HeldLock snapshot() {
      return new HeldLock(lockClass, read, trylock, check, site);
    }
  }

  final int id;
  String name;
  long epoch = -1;
  /** A hash of every operation the task arrived at in this execution (its program path). */
  long path;
  private Entry[] stack = new Entry[8];
  private int depth;
  private int[] exclusiveCounts = new int[16];
  private final BitSet heldExclusive = new BitSet();
  /** A trylock the task arrived at, recorded when it succeeds. */
  Op pendingTry;
  String pendingTrySite;
  /** The acquisition the task is blocked in (pushed at arrival), until it completes. */
  Entry blockedOn;

  TaskLocks(int id) {
    this.id = id;
  }

  void reset(long epoch, String name) {
    this.epoch = epoch;
    this.name = name;
    path = id;
    for (int i = 0; i < depth; i++) {
      exclusiveCounts[stack[i].lockClass.id()] = 0;
      stack[i] = null;
    }
    depth = 0;
    if (!heldExclusive.isEmpty()) {
      heldExclusive.clear();
    }
    pendingTry = null;
    pendingTrySite = null;
    blockedOn = null;
  }

  int depth() {
    return depth;
  }

  Entry at(int i) {
    return stack[i];
  }

  Entry top() {
    return depth == 0 ? null : stack[depth - 1];
  }

  Entry push(LockClass c, SyncObject instance, int read, boolean trylock, boolean check,
      String site) {
    if (depth == stack.length) {
      stack = Arrays.copyOf(stack, depth * 2);
    }
    Entry e = new Entry(c, instance, read, trylock, check, site);
    stack[depth++] = e;
    if (read == 0) {
      exclusive(c, 1);
    }
    return e;
  }

  /** The innermost entry {@code instance} releases (lockdep's {@code find_held_lock}), or -1. */
  int find(SyncObject instance) {
    for (int i = depth - 1; i >= 0; i--) {
      if (stack[i].instance == instance) {
        return i;
      }
    }
    for (int i = depth - 1; i >= 0; i--) {
      if (stack[i].count > 1 && stack[i].lockClass.name().equals(instance.name())) {
        return i;
      }
    }
    return -1;
  }

  /** Releases one hold of entry {@code i}. */
  void release(int i) {
    Entry e = stack[i];
    if (--e.count > 0) {
      return;
    }
    if (e.read == 0) {
      exclusive(e.lockClass, -1);
    }
    System.arraycopy(stack, i + 1, stack, i, depth - i - 1);
    stack[--depth] = null;
    if (blockedOn == e) {
      blockedOn = null;
    }
  }

  /** {@code lock_downgrade()}: the innermost write hold of {@code instance} becomes a read. */
  void downgrade(SyncObject instance) {
    int i = find(instance);
    if (i >= 0 && stack[i].read == 0) {
      stack[i].read = 1;
      exclusive(stack[i].lockClass, -1);
    }
  }

  private void exclusive(LockClass c, int delta) {
    if (c.id() >= exclusiveCounts.length) {
      exclusiveCounts = Arrays.copyOf(exclusiveCounts,
          Math.max(c.id() + 1, exclusiveCounts.length * 2));
    }
    int before = exclusiveCounts[c.id()];
    exclusiveCounts[c.id()] = before + delta;
    if (before == 0) {
      heldExclusive.set(c.id());
    } else if (before + delta == 0) {
      heldExclusive.clear(c.id());
    }
  }

  /** The ids of the classes held exclusively now (a live view: do not keep it). */
  BitSet heldExclusive() {
    return heldExclusive;
  }

  /** The held stack now, outermost first. */
  List<HeldLock> snapshot() {
    List<HeldLock> out = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      out.add(stack[i].snapshot());
    }
    return out;
  }

  /** The held classes, outermost first, leaving out {@code except}. */
  List<String> classNames(Entry except) {
    List<String> out = new ArrayList<>(depth);
    for (int i = 0; i < depth; i++) {
      if (stack[i] != except) {
        out.add(stack[i].lockClass.displayName());
      }
    }
    return out;
  }
}
