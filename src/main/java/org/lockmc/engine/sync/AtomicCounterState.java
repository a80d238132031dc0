package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An {@code atomic_t} used as a reference count, such as {@code mm->mm_users} and {@code
 * mm->mm_count}: every operation is one indivisible step. Lockdep does not see it.
 *
 * <p>Besides the value, it remembers which task took which references (increments minus
 * decrements per task), so that a task waiting for the count to reach zero ({@code
 * wait_var_event(..., atomic_read() == 0)}) is shown waiting for the tasks that still hold
 * references. References present at creation belong to nobody.
 *
 * <p>DPOR dependence: two reads commute (a wait for zero is a read); everything else conflicts.
 */
public final class AtomicCounterState extends SyncObject {
  private long value;
  private final Map<TaskState, Long> references = new LinkedHashMap<>();

  /** The operations. */
  public enum Kind {
    READ,
    SET,
    ADD,
    ADD_RETURN,
    INC_NOT_ZERO,
    WAIT_ZERO
  }

  /** One operation; {@code arg} is the value set or the amount added. */
  public record CounterOp(AtomicCounterState object, Kind kind, long arg) implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case READ:
          return "atomic_read(" + n + ")";
        case SET:
          return "atomic_set(" + n + ", " + arg + ")";
        case ADD:
          return arg == 1 ? "atomic_inc(" + n + ")" : arg == -1 ? "atomic_dec(" + n + ")"
              : "atomic_add(" + arg + ", " + n + ")";
        case ADD_RETURN:
          return arg == -1 ? "atomic_dec_and_test(" + n + ")"
              : "atomic_add_return(" + arg + ", " + n + ")";
        case INC_NOT_ZERO:
          return "atomic_inc_not_zero(" + n + ")";
        default:
          return "wait_var_event(" + n + ", atomic_read(" + n + ") == 0)";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.WAIT_ZERO;
    }

    boolean pureRead() {
      return kind == Kind.READ || kind == Kind.WAIT_ZERO;
    }
  }

  public AtomicCounterState(String name, long initial) {
    super(name);
    this.value = initial;
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return ((CounterOp) op).kind() != Kind.WAIT_ZERO || value == 0;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    CounterOp c = (CounterOp) op;
    switch (c.kind()) {
      case READ:
        return Step.result(value);
      case SET:
        value = c.arg();
        return Step.done();
      case ADD:
        add(task, c.arg());
        return Step.done();
      case ADD_RETURN:
        add(task, c.arg());
        return Step.result(value);
      case INC_NOT_ZERO:
        if (value == 0) {
          return Step.result(false);
        }
        add(task, 1);
        return Step.result(true);
      default:
        return Step.done();
    }
  }

  private void add(TaskState task, long delta) {
    value += delta;
    long mine = references.getOrDefault(task, 0L) + delta;
    if (mine == 0) {
      references.remove(task);
    } else {
      references.put(task, mine);
    }
  }

  /** The current value (for tests and reports). */
  public long value() {
    return value;
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    List<TaskState> holders = new ArrayList<>();
    references.forEach((t, n) -> {
      if (n > 0) {
        holders.add(t);
      }
    });
    String who = holders.isEmpty() ? "" : "; references taken by " + RwSemaphoreState.names(holders);
    return WaitFor.allOf(holders, name() + " is " + value + ", waiting for it to drop to 0" + who);
  }

  @Override
  public boolean dependent(Op a, Op b) {
    return !(((CounterOp) a).pureRead() && ((CounterOp) b).pureRead());
  }
}
