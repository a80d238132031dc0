package org.lockmc.engine.sync;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An {@code unsigned long} flag word that tasks test, change and wait on with {@code wait_on_bit}
 * / {@code wake_up_bit}, like {@code ksm_run} with {@code KSM_RUN_OFFLINE}.
 *
 * <p>Rules (lockdep.md section 4.12): {@code wait_on_bit} returns at once when the bit is clear;
 * otherwise the task goes on the bit's wait queue, re-tests the bit, and sleeps until a {@code
 * wake_up_bit} of that bit takes it off the queue, then tests again. Clearing the bit without a
 * {@code wake_up_bit} leaves the sleeper asleep (a hang). Lockdep does not see bit waits; for the
 * wait-for graph the task that set the bit owns it until it clears it.
 */
public final class BitWordState extends SyncObject {
  private long value;
  private final TaskState[] setter = new TaskState[Long.SIZE];
  private final TaskState[] clearer = new TaskState[Long.SIZE];
  private final Map<Integer, Map<TaskState, Boolean>> sleepers = new LinkedHashMap<>();

  /** The flag word operations. */
  public enum Kind {
    READ,
    WRITE,
    OR,
    AND_NOT,
    SET_BIT,
    CLEAR_BIT,
    TEST_BIT,
    PREPARE_BIT,
    SCHEDULE_BIT,
    FINISH_BIT,
    WAKE_UP_BIT
  }

  /** One operation; {@code arg} is the bit number, the mask or the value written. */
  public record BitOp(BitWordState object, Kind kind, long arg) implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case READ:
          return "READ " + n;
        case WRITE:
          return n + " = " + arg;
        case OR:
          return n + " |= " + arg;
        case AND_NOT:
          return n + " &= ~" + arg;
        case SET_BIT:
          return "set_bit(" + arg + ", " + n + ")";
        case CLEAR_BIT:
          return "clear_bit(" + arg + ", " + n + ")";
        case TEST_BIT:
          return "test_bit(" + arg + ", " + n + ")";
        case PREPARE_BIT:
          return "prepare_to_wait(bit_waitqueue(" + n + ", " + arg + "))";
        case SCHEDULE_BIT:
          return "schedule() [wait_on_bit(" + n + ", " + arg + ")]";
        case FINISH_BIT:
          return "finish_wait(bit_waitqueue(" + n + ", " + arg + "))";
        default:
          return "wake_up_bit(" + n + ", " + arg + ")";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.SCHEDULE_BIT;
    }

    boolean pureRead() {
      return kind == Kind.READ || kind == Kind.TEST_BIT;
    }
  }

  public BitWordState(String name, long initial) {
    super(name);
    this.value = initial;
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    BitOp b = (BitOp) op;
    if (b.kind() != Kind.SCHEDULE_BIT) {
      return true;
    }
    Boolean woken = queue(b.arg()).get(task);
    return woken == null || woken;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    BitOp b = (BitOp) op;
    switch (b.kind()) {
      case READ:
        return Step.result(value);
      case WRITE:
        assign(b.arg(), task);
        return Step.done();
      case OR:
        assign(value | b.arg(), task);
        return Step.done();
      case AND_NOT:
        assign(value & ~b.arg(), task);
        return Step.done();
      case SET_BIT:
        assign(value | bit(b.arg()), task);
        return Step.done();
      case CLEAR_BIT:
        assign(value & ~bit(b.arg()), task);
        return Step.done();
      case TEST_BIT:
        return Step.result((value & bit(b.arg())) != 0);
      case PREPARE_BIT:
        queue(b.arg()).put(task, Boolean.FALSE);
        return Step.done();
      case SCHEDULE_BIT:
        return Step.done();
      case FINISH_BIT:
        queue(b.arg()).remove(task);
        return Step.done();
      default:
        // a loop, not replaceAll with a lambda: a second lambda here would be named
        // BitWordState$1 by JPF, the name of javac's switch map (see JpfCompatibilityTest)
        for (Map.Entry<TaskState, Boolean> sleeper : queue(b.arg()).entrySet()) {
          sleeper.setValue(Boolean.TRUE);
        }
        return Step.done();
    }
  }

  private void assign(long next, TaskState task) {
    for (int i = 0; i < Long.SIZE; i++) {
      long m = 1L << i;
      if ((value & m) == 0 && (next & m) != 0) {
        setter[i] = task;
      } else if ((value & m) != 0 && (next & m) == 0) {
        clearer[i] = task;
      }
    }
    value = next;
  }

  private static long bit(long nr) {
    if (nr < 0 || nr >= Long.SIZE) {
      throw new IllegalArgumentException("bit number " + nr + " is outside an unsigned long (0..63)");
    }
    return 1L << nr;
  }

  private Map<TaskState, Boolean> queue(long nr) {
    return sleepers.computeIfAbsent((int) nr, k -> new LinkedHashMap<>());
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    int nr = (int) ((BitOp) op).arg();
    String bitName = "bit " + nr + " of " + name();
    if ((value & bit(nr)) != 0 && setter[nr] != null) {
      return WaitFor.on(setter[nr], bitName + " set by " + setter[nr].name()
          + " (waiting for it to clear the bit and wake_up_bit)");
    }
    String by = clearer[nr] == null ? "" : " (cleared by " + clearer[nr].name() + ")";
    return WaitFor.event(bitName + " is clear" + by + " but no wake_up_bit came");
  }

  @Override
  public boolean dependent(Op a, Op b) {
    return !(((BitOp) a).pureRead() && ((BitOp) b).pureRead());
  }
}
