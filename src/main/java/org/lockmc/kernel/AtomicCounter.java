package org.lockmc.kernel;

import org.lockmc.engine.sync.AtomicCounterState;
import org.lockmc.engine.sync.AtomicCounterState.CounterOp;
import org.lockmc.engine.sync.AtomicCounterState.Kind;
import org.lockmc.runtime.ModelRuntime;

/**
 * An {@code atomic_t}, typically a reference count such as {@code mm->mm_users} or {@code
 * mm->mm_count}: every operation is one indivisible scheduling point. {@link #waitUntilZero()}
 * sleeps until the count drops to zero, and is shown waiting for the tasks that took the
 * remaining references. Lockdep does not see it.
 *
 * <p>A plain {@code int} field would do for a counter that is only read and written; use this
 * when a read-modify-write must be atomic ({@code atomic_dec_and_test}).
 */
public final class AtomicCounter {
  private final AtomicCounterState state;

  /** A counter named {@code name} (as the kernel field, {@code "mm->mm_users"}), at {@code initial}. */
  public AtomicCounter(String name, long initial) {
    state = new AtomicCounterState(name, initial);
  }

  private long op(Kind kind, long arg) {
    return ModelRuntime.current().perform(new CounterOp(state, kind, arg));
  }

  /** {@code atomic_read()}. */
  public long read() {
    return op(Kind.READ, 0);
  }

  /** {@code atomic_set()}. */
  public void set(long value) {
    op(Kind.SET, value);
  }

  /** {@code atomic_inc()}: takes a reference. */
  public void inc() {
    op(Kind.ADD, 1);
  }

  /** {@code atomic_dec()}: drops a reference. */
  public void dec() {
    op(Kind.ADD, -1);
  }

  /** {@code atomic_add(n)}. */
  public void add(long n) {
    op(Kind.ADD, n);
  }

  /** {@code atomic_add_return(n)}: the new value. */
  public long addReturn(long n) {
    return op(Kind.ADD_RETURN, n);
  }

  /** {@code atomic_dec_and_test()}: drops a reference; true when it was the last one. */
  public boolean decAndTest() {
    return op(Kind.ADD_RETURN, -1) == 0;
  }

  /** {@code atomic_inc_not_zero()}: takes a reference unless the count is already zero. */
  public boolean incNotZero() {
    return op(Kind.INC_NOT_ZERO, 0) != 0;
  }

  /** {@code wait_var_event(&v, atomic_read(&v) == 0)}: sleeps until the count is zero. */
  public void waitUntilZero() {
    op(Kind.WAIT_ZERO, 0);
  }

  public String name() {
    return state.name();
  }
}
