package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Free memory and the OOM killer, for the 2009 KSM out-of-memory scenarios (seed 001, S6, S9,
 * S13; semantics in its section 4.4). Memory is a bounded number of pages; a page taken by a task
 * is held by it until it frees it, so a task waiting for memory waits for the holders (any one of
 * them freeing would do). Lockdep does not see memory waits.
 *
 * <p>Allocation ({@code alloc_page}):
 *
 * <ul>
 *   <li>takes a free page if there is one;
 *   <li>otherwise fails at once for a task already chosen by the OOM killer (TIF_MEMDIE:
 *       {@code VM_FAULT_OOM}), for a non-sleeping allocation ({@code GFP_NOWAIT}, {@code
 *       GFP_ATOMIC}) and for {@code __GFP_NORETRY};
 *   <li>otherwise it is out of memory: the allocating task runs the OOM killer when a victim can
 *       be chosen (the choice among several is a data choice, explored), then retries until a
 *       page is free, until it is itself chosen (then it fails), or until the OOM killer may
 *       choose again.
 * </ul>
 *
 * <p>The OOM killer chooses among registered candidates (tasks with an mm) that still have their
 * mm and were not chosen before; it sets the victim's fatal signal. While a victim is pending it
 * chooses nobody else ("the OOM killer has to stop a moment before killing a second task"). A
 * victim stops being pending, with the 2009 policy ({@link Policy#SKIP_TASKS_WITHOUT_MM}), as soon
 * as it has dropped its mm ({@code exit_mm}: {@code p->mm == NULL} is skipped), or, with {@link
 * Policy#WAIT_FOR_VICTIM}, only once it has also freed its memory. S13 is a deadlock under the
 * second policy and a wrongly killed second task under the first.
 */
public final class MemoryState extends SyncObject {
  /** The result of an allocation that got a page. */
  public static final long GOT_PAGE = 1;
  /** The result of an allocation that failed. */
  public static final long FAILED = 0;

  private final Policy policy;
  private int free;
  private final Map<TaskState, Integer> held = new LinkedHashMap<>();
  private final List<Candidate> candidates = new ArrayList<>();

  /** When the OOM killer may choose another victim. */
  public enum Policy {
    /** 2009: a victim whose mm is gone ({@code p->mm == NULL}) is skipped. */
    SKIP_TASKS_WITHOUT_MM,
    /** A victim is waited for until it has dropped its mm and freed its memory. */
    WAIT_FOR_VICTIM
  }

  /** How an allocation behaves when no page is free ({@code gfp_t}). */
  public record Gfp(String name, boolean mayWait, boolean mayOom) {}

  private static final class Candidate {
    final TaskState task;
    boolean hasMm = true;
    boolean killed;

    Candidate(TaskState task) {
      this.task = task;
    }
  }

  /** The operations; RETRY is an allocation waiting for memory. */
  public enum Kind {
    ALLOC,
    RETRY,
    OOM_KILL,
    FREE,
    FREE_ALL,
    NR_FREE,
    REGISTER,
    EXIT_MM
  }

  /** One operation; {@code arg} is a page count, {@code victim} the OOM killer's choice. */
  public record MemOp(MemoryState object, Kind kind, Gfp gfp, int arg, TaskState victim)
      implements Op {
    @Override
    public String describe() {
      switch (kind) {
        case ALLOC:
          return "alloc_page(" + gfp.name() + ")";
        case RETRY:
          return "alloc_page(" + gfp.name() + ") [out of memory, retrying]";
        case OOM_KILL:
          return "out_of_memory(): kill " + victim.name();
        case FREE:
          return "free_pages(" + arg + ")";
        case FREE_ALL:
          return "exit_mmap() [frees every page]";
        case NR_FREE:
          return "nr_free_pages()";
        case REGISTER:
          return "oom candidate (has an mm)";
        default:
          return "exit_mm() [current->mm = NULL]";
      }
    }

    @Override
    public boolean mightSleep() {
      return (kind == Kind.ALLOC || kind == Kind.RETRY) && gfp.mayWait();
    }

    @Override
    public TaskState affects() {
      return victim;
    }
  }

  /**
   * @param name the pool's name, for traces
   * @param pages the pages free at the start
   * @param policy the OOM killer's policy, or null when there is no OOM killer
   */
  public MemoryState(String name, int pages, Policy policy) {
    super(name);
    if (pages < 0) {
      throw new IllegalArgumentException("a page allocator cannot start with " + pages + " pages");
    }
    this.free = pages;
    this.policy = policy;
  }

  /** Whether an allocation result asks the task to run the OOM killer (or to wait). */
  public static boolean outOfMemory(long result) {
    return (result & 3) == 2;
  }

  /** The candidates (bit i: the i-th registered) an out-of-memory result lets the task kill. */
  public static long killable(long result) {
    return result >>> 2;
  }

  /** The task of the {@code i}-th registered candidate. */
  public TaskState candidate(int i) {
    return candidates.get(i).task;
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    if (((MemOp) op).kind() != Kind.RETRY) {
      return true;
    }
    return free > 0 || killed(task) || eligible() != 0;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    MemOp m = (MemOp) op;
    switch (m.kind()) {
      case ALLOC:
      case RETRY:
        return allocate(m, task);
      case OOM_KILL:
        Candidate c = find(m.victim());
        if (c != null && !c.killed && c.hasMm && pendingVictim() == null) {
          c.killed = true;
          c.task.kill();
        }
        return Step.done();
      case FREE:
        free(task, m.arg(), world);
        return Step.done();
      case FREE_ALL:
        free(task, held.getOrDefault(task, 0), world);
        return Step.done();
      case NR_FREE:
        return Step.result(free);
      case REGISTER:
        if (find(task) == null) {
          if (candidates.size() == 62) {
            throw new IllegalStateException("lockmc's OOM killer handles at most 62 candidates");
          }
          candidates.add(new Candidate(task));
        }
        return Step.done();
      default:
        Candidate self = find(task);
        if (self != null) {
          self.hasMm = false;
        }
        return Step.done();
    }
  }

  private Step allocate(MemOp m, TaskState task) {
    if (free > 0) {
      free--;
      held.put(task, held.getOrDefault(task, 0) + 1); // not merge with Integer.sum: JPF mishandles that method reference
      return Step.result(GOT_PAGE);
    }
    if (killed(task) || !m.gfp().mayWait() || !m.gfp().mayOom()) {
      return Step.result(FAILED);
    }
    return Step.result(2 | (eligible() << 2));
  }

  private void free(TaskState task, int n, World world) {
    int mine = held.getOrDefault(task, 0);
    if (n > mine) {
      world.violation(task, "frees " + n + " page(s) of " + name() + " but holds " + mine);
      n = mine;
    }
    if (mine - n == 0) {
      held.remove(task);
    } else {
      held.put(task, mine - n);
    }
    free += n;
  }

  private Candidate find(TaskState task) {
    for (Candidate c : candidates) {
      if (c.task == task) {
        return c;
      }
    }
    return null;
  }

  private boolean killed(TaskState task) {
    Candidate c = find(task);
    return c != null && c.killed;
  }

  /** The victim the OOM killer still waits for, or null. */
  private Candidate pendingVictim() {
    for (Candidate c : candidates) {
      if (c.killed && (c.hasMm
          || (policy == Policy.WAIT_FOR_VICTIM && held.getOrDefault(c.task, 0) > 0))) {
        return c;
      }
    }
    return null;
  }

  /** The candidates the OOM killer may choose now, as a bit set by registration order. */
  private long eligible() {
    if (policy == null || pendingVictim() != null) {
      return 0;
    }
    long mask = 0;
    for (int i = 0; i < candidates.size(); i++) {
      Candidate c = candidates.get(i);
      if (!c.killed && c.hasMm) {
        mask |= 1L << i;
      }
    }
    return mask;
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    List<TaskState> on = new ArrayList<>();
    StringBuilder why = new StringBuilder("out of memory (" + name() + ")");
    if (!held.isEmpty()) {
      why.append(": pages held by ");
      int k = 0;
      for (Map.Entry<TaskState, Integer> e : held.entrySet()) {
        on.add(e.getKey());
        why.append(k++ == 0 ? "" : ", ").append(e.getKey().name()).append(" (")
            .append(e.getValue()).append(')');
      }
    }
    Candidate v = pendingVictim();
    if (v != null) {
      if (!on.contains(v.task)) {
        on.add(v.task);
      }
      why.append("; the OOM killer waits for its victim ").append(v.task.name())
          .append(v.hasMm ? " to exit" : " to free its memory");
    } else if (policy == null) {
      why.append("; no OOM killer");
    } else {
      why.append("; the OOM killer has no candidate left");
    }
    if (on.isEmpty()) {
      return WaitFor.event(why.toString());
    }
    return WaitFor.anyOf(on, why.toString());
  }
}
