package org.lockmc.engine.sync;

/**
 * {@code struct completion}: {@code wait_for_completion} sleeps until a {@code complete} (one
 * waiter per call) or {@code complete_all} (every waiter, now and later); {@code
 * wait_for_completion_killable} also returns when the waiter gets a fatal signal. Lockdep does not
 * see completions (crossrelease was removed in 4.15).
 */
public final class CompletionState extends SyncObject {
  private int done;
  private boolean all;

  /** The completion operations. */
  public enum Kind {
    WAIT,
    WAIT_KILLABLE,
    TRY_WAIT,
    COMPLETE,
    COMPLETE_ALL,
    DONE
  }

  /** One completion operation. */
  public record CompletionOp(CompletionState object, Kind kind) implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case WAIT:
          return "wait_for_completion(" + n + ")";
        case WAIT_KILLABLE:
          return "wait_for_completion_killable(" + n + ")";
        case TRY_WAIT:
          return "try_wait_for_completion(" + n + ")";
        case COMPLETE:
          return "complete(" + n + ")";
        case COMPLETE_ALL:
          return "complete_all(" + n + ")";
        default:
          return "completion_done(" + n + ")";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.WAIT || kind == Kind.WAIT_KILLABLE;
    }
  }

  public CompletionState(String name) {
    super(name);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    switch (((CompletionOp) op).kind()) {
      case WAIT:
        return all || done > 0;
      case WAIT_KILLABLE:
        return all || done > 0 || task.fatalSignalPending();
      default:
        return true;
    }
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    switch (((CompletionOp) op).kind()) {
      case WAIT:
        consume();
        return Step.done();
      case WAIT_KILLABLE:
        if (all || done > 0) {
          consume();
          return Step.result(true);
        }
        return Step.result(false);
      case TRY_WAIT:
        if (all || done > 0) {
          consume();
          return Step.result(true);
        }
        return Step.result(false);
      case COMPLETE:
        done++;
        return Step.done();
      case COMPLETE_ALL:
        all = true;
        return Step.done();
      default:
        return Step.result(all || done > 0);
    }
  }

  private void consume() {
    if (!all) {
      done--;
    }
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    return WaitFor.event("waiting for complete(" + name() + ")");
  }
}
