package org.lockmc.kernel;

import org.lockmc.engine.sync.BitWordState;
import org.lockmc.engine.sync.BitWordState.BitOp;
import org.lockmc.engine.sync.BitWordState.Kind;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;

/**
 * An {@code unsigned long} flag word that tasks read, change and wait on bit by bit, like {@code
 * ksm_run} with {@code KSM_RUN_OFFLINE}: {@code wait_on_bit}, {@code wake_up_bit}, {@code
 * set_bit}, {@code clear_bit}, {@code test_bit}. Every access is a scheduling point. Bit waits are
 * invisible to lockdep.
 */
public final class BitWord {
  private final BitWordState state;

  /** A word named {@code name} (as the kernel variable), initially {@code initial}. */
  public BitWord(String name, long initial) {
    state = new BitWordState(name, initial);
  }

  /** A word named {@code name}, initially 0. */
  public BitWord(String name) {
    this(name, 0);
  }

  private long op(Kind kind, long arg) {
    return ModelRuntime.current().perform(new BitOp(state, kind, arg));
  }

  /** Reads the whole word. */
  public long get() {
    return op(Kind.READ, 0);
  }

  /** Writes the whole word. */
  public void set(long value) {
    op(Kind.WRITE, value);
  }

  /** {@code word |= mask} (one step). */
  public void or(long mask) {
    op(Kind.OR, mask);
  }

  /** {@code word &= ~mask} (one step). */
  public void andNot(long mask) {
    op(Kind.AND_NOT, mask);
  }

  /** {@code set_bit(nr, word)}. */
  public void setBit(int nr) {
    op(Kind.SET_BIT, nr);
  }

  /** {@code clear_bit(nr, word)}. */
  public void clearBit(int nr) {
    op(Kind.CLEAR_BIT, nr);
  }

  /** {@code test_bit(nr, word)}. */
  public boolean testBit(int nr) {
    return op(Kind.TEST_BIT, nr) != 0;
  }

  /**
   * {@code wait_on_bit(word, nr, TASK_UNINTERRUPTIBLE)}: returns at once if the bit is clear,
   * otherwise sleeps on the bit's wait queue until a {@link #wakeUpBit} finds it clear.
   */
  public void waitOnBit(int nr) {
    TaskRuntime rt = ModelRuntime.current();
    rt.mightSleep("wait_on_bit(" + state.name() + ", " + nr + ")");
    if (!testBit(nr)) {
      return;
    }
    for (;;) {
      op(Kind.PREPARE_BIT, nr);
      if (!testBit(nr)) {
        break;
      }
      op(Kind.SCHEDULE_BIT, nr);
    }
    op(Kind.FINISH_BIT, nr);
  }

  /** {@code wake_up_bit(word, nr)}: wakes the tasks waiting on bit {@code nr}. */
  public void wakeUpBit(int nr) {
    op(Kind.WAKE_UP_BIT, nr);
  }

  /** {@code clear_and_wake_up_bit(nr, word)}. */
  public void clearAndWakeUpBit(int nr) {
    clearBit(nr);
    wakeUpBit(nr);
  }

  public String name() {
    return state.name();
  }
}
