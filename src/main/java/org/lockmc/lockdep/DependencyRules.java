package org.lockmc.lockdep;

import java.util.Map;
import org.lockmc.engine.sync.LockdepEffect;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.SyncObject;

/**
 * What lockdep does with one acquisition or release of one task ({@code __lock_acquire}, {@code
 * validate_chain}, {@code check_deadlock}, {@code check_prevs_add}, {@code __lock_release}),
 * applied to the recorder's graph and held stacks.
 *
 * <ul>
 *   <li>{@code nest_lock}: an acquisition of the class on top of the stack merges into that entry;
 *       a same-class hold is accepted, without dependencies, while the nest lock is held;
 *   <li>recursive locking: the class is already held, unless this is a recursive read ({@code
 *       read == 2}) over a read; the acquisition then adds no dependency;
 *   <li>dependencies come from the topmost validated held lock and every consecutive trylock above
 *       it ("non-trylock entries have added their own direct dependencies already");
 *   <li>{@code check == 0} holds ({@code rcu_read_lock}) take part in neither end;
 *   <li>before 5.10, read-2 holds give no dependency and read-2 acquisitions are validated but
 *       not stored.
 * </ul>
 */
final class DependencyRules {
  /** The model line of a task's current operation. */
  interface Sites {
    String site(TaskLocks t);
  }

  private final LockdepRules rules;
  private final DependencyGraph graph;
  private final Map<String, MisuseReport> misuse;
  private final Sites sites;

  DependencyRules(LockdepRules rules, DependencyGraph graph, Map<String, MisuseReport> misuse,
      Sites sites) {
    this.rules = rules;
    this.graph = graph;
    this.misuse = misuse;
    this.sites = sites;
  }

  /**
   * A blocking acquisition, recorded at the attempt: validated, then pushed. Returns the entry
   * pushed, or null when it merged into a {@code nest_lock} entry.
   */
  TaskLocks.Entry acquire(TaskLocks t, LockdepEffect e, Op op, long execution) {
    LockClass c = graph.classOf(e.lock(), e.subclass());
    String site = sites.site(t);
    TaskLocks.Entry top = t.top();
    if (e.nestLock() != null && top != null && top.lockClass == c) {
      top.count++;
      return null;
    }
    if (e.check()) {
      graph.used(c, e.read(), false);
      validate(t, c, e.read(), false, e.nestLock(), op, site, execution);
    }
    return t.push(c, e.lock(), e.read(), false, e.check(), site);
  }

  /** A {@code lock_sync()} or an acquire-and-release: validated, never held. */
  void validateOnly(TaskLocks t, LockdepEffect e, Op op, boolean sync, long execution) {
    if (!e.check()) {
      return;
    }
    LockClass c = graph.classOf(e.lock(), e.subclass());
    graph.used(c, e.read(), sync);
    validate(t, c, e.read(), sync, null, op, sites.site(t), execution);
  }

  /** A release: the innermost matching hold goes; none is "bad unlock balance". */
  void release(TaskLocks t, LockdepEffect e, Op op, long execution) {
    int i = t.find(e.lock());
    if (i >= 0) {
      t.release(i);
      return;
    }
    String key = "unlock:" + e.lock().name();
    if (!misuse.containsKey(key)) {
      misuse.put(key, new MisuseReport.BadUnlock(t.name, t.id + 1, e.lock().name(),
          op.describe(), sites.site(t), t.snapshot(), execution));
    }
  }

  private void validate(TaskLocks t, LockClass c, int read, boolean sync, SyncObject nestLock,
      Op op, String site, long execution) {
    TaskLocks.Entry nest = null;
    for (int i = 0; i < t.depth(); i++) {
      TaskLocks.Entry prev = t.at(i);
      if (nestLock != null && prev.instance == nestLock) {
        nest = prev;
      }
      if (prev.lockClass != c || (read == 2 && prev.read != 0)) {
        continue;
      }
      if (nest == null) {
        recursive(t, prev, c, read, sync, op, site, execution);
      }
      return;
    }
    boolean store = rules.typedDependencies() || read != 2;
    for (int i = t.depth() - 1; i >= 0; i--) {
      TaskLocks.Entry prev = t.at(i);
      if (!prev.check || (!rules.typedDependencies() && prev.read == 2)) {
        continue;
      }
      if (prev.lockClass != c) {
        dependency(t, prev, c, read, sync, store, op, site, execution);
      }
      if (!prev.trylock) {
        break;
      }
    }
  }

  private void dependency(TaskLocks t, TaskLocks.Entry prev, LockClass c, int read, boolean sync,
      boolean store, Op op, String site, long execution) {
    int bit = Dep.bit(prev.read, read);
    if (store) {
      Edge edge = graph.edge(prev.lockClass, c);
      if (edge == null || !edge.has(bit)) {
        edge = graph.add(prev.lockClass, c, bit, record(t, op, site, read, sync, execution),
            t.heldExclusive());
      }
      edge.observe(t.id, t.heldExclusive());
    } else if (!graph.checkedOnlySeen(prev.lockClass, c, bit)) {
      graph.checkOnly(prev.lockClass, c, bit, record(t, op, site, read, sync, execution));
    }
  }

  private static EdgeRecord record(TaskLocks t, Op op, String site, int read, boolean sync,
      long execution) {
    return new EdgeRecord(t.name, t.id + 1, op.describe(), site, read, sync, t.snapshot(),
        execution);
  }

  private void recursive(TaskLocks t, TaskLocks.Entry prev, LockClass c, int read, boolean sync,
      Op op, String site, long execution) {
    String key = "recursive:" + c.displayName();
    if (!misuse.containsKey(key)) {
      misuse.put(key, new MisuseReport.RecursiveLocking(t.name, t.id + 1, prev.snapshot(),
          new HeldLock(c, read, false, true, site), op.describe(), sync, t.snapshot(), execution));
    }
  }
}
