package org.lockmc.kernel;

import org.lockmc.engine.sync.CompletionState;
import org.lockmc.engine.sync.CompletionState.CompletionOp;
import org.lockmc.engine.sync.CompletionState.Kind;
import org.lockmc.runtime.ModelRuntime;

/**
 * {@code struct completion} ({@code DECLARE_COMPLETION(name)}). Invisible to lockdep: a deadlock
 * through a completion is one lockdep cannot report.
 */
public final class Completion {
  private final CompletionState state;

  public Completion(String name) {
    state = new CompletionState(name);
  }

  /** {@code wait_for_completion()}. */
  public void waitForCompletion() {
    ModelRuntime.current().perform(new CompletionOp(state, Kind.WAIT));
  }

  /**
   * {@code wait_for_completion_killable()}: as {@link #waitForCompletion()}, but a fatal signal
   * (the OOM killer's) also ends the wait; returns true when completed, false when killed ({@code
   * -ERESTARTSYS}).
   */
  public boolean waitForCompletionKillable() {
    return ModelRuntime.current().perform(new CompletionOp(state, Kind.WAIT_KILLABLE)) != 0;
  }

  /** {@code try_wait_for_completion()}. */
  public boolean tryWaitForCompletion() {
    return ModelRuntime.current().perform(new CompletionOp(state, Kind.TRY_WAIT)) != 0;
  }

  /** {@code complete()}: releases one waiter (now or later). */
  public void complete() {
    ModelRuntime.current().perform(new CompletionOp(state, Kind.COMPLETE));
  }

  /** {@code complete_all()}: releases every waiter, now and later. */
  public void completeAll() {
    ModelRuntime.current().perform(new CompletionOp(state, Kind.COMPLETE_ALL));
  }

  /** {@code completion_done()}. */
  public boolean done() {
    return ModelRuntime.current().perform(new CompletionOp(state, Kind.DONE)) != 0;
  }

  public String name() {
    return state.name();
  }
}
