package org.lockmc.kernel;

import org.lockmc.engine.sync.RwSemaphoreState;
import org.lockmc.engine.sync.RwSemaphoreState.Kind;
import org.lockmc.engine.sync.RwSemaphoreState.RwsemOp;
import org.lockmc.runtime.ModelRuntime;

/**
 * {@code struct rw_semaphore} ({@code DECLARE_RWSEM}, {@code init_rwsem}): shared readers, one
 * writer, FIFO queue. A queued writer blocks new readers while the lock is read-held, so a task
 * that reads it again behind a queued writer deadlocks; {@code down_read_trylock} fails whenever
 * anyone is queued; there is no upgrade from read to write.
 */
public final class RwSemaphore {
  private final RwSemaphoreState state;
  private final RwsemOp downRead;
  private final RwsemOp downWrite;
  private final RwsemOp upRead;
  private final RwsemOp upWrite;

  /** An rwsem whose lockdep class is {@code name}, for example {@code "&mm->mmap_sem"}. */
  public RwSemaphore(String name) {
    state = new RwSemaphoreState(name);
    downRead = op(Kind.DOWN_READ);
    downWrite = op(Kind.DOWN_WRITE);
    upRead = op(Kind.UP_READ);
    upWrite = op(Kind.UP_WRITE);
  }

  private RwsemOp op(Kind kind) {
    return new RwsemOp(state, kind, 0, null);
  }

  /** {@code down_read()}. */
  public void downRead() {
    ModelRuntime.current().perform(downRead);
  }

  /** {@code down_read_nested(sem, subclass)}. */
  public void downReadNested(int subclass) {
    ModelRuntime.current().perform(new RwsemOp(state, Kind.DOWN_READ, Subclasses.check(subclass), null));
  }

  /** {@code down_read_trylock()}: fails when write-held or when anyone is queued. */
  public boolean downReadTrylock() {
    return ModelRuntime.current().perform(op(Kind.DOWN_READ_TRYLOCK)) != 0;
  }

  /** {@code up_read()}. */
  public void upRead() {
    ModelRuntime.current().perform(upRead);
  }

  /** {@code down_write()}. */
  public void downWrite() {
    ModelRuntime.current().perform(downWrite);
  }

  /** {@code down_write_nested(sem, subclass)}. */
  public void downWriteNested(int subclass) {
    ModelRuntime.current().perform(new RwsemOp(state, Kind.DOWN_WRITE, Subclasses.check(subclass), null));
  }

  /** {@code down_write_nest_lock(sem, nest)}. */
  public void downWriteNestLock(Object nest) {
    ModelRuntime.current().perform(new RwsemOp(state, Kind.DOWN_WRITE, 0, Handles.stateOf(nest)));
  }

  /** {@code down_write_trylock()}: succeeds only on a free lock with nobody queued. */
  public boolean downWriteTrylock() {
    return ModelRuntime.current().perform(op(Kind.DOWN_WRITE_TRYLOCK)) != 0;
  }

  /** {@code up_write()}. */
  public void upWrite() {
    ModelRuntime.current().perform(upWrite);
  }

  /** {@code downgrade_write()}: the write hold becomes a read hold; queued readers are woken. */
  public void downgradeWrite() {
    ModelRuntime.current().perform(op(Kind.DOWNGRADE_WRITE));
  }

  public String name() {
    return state.name();
  }

  RwSemaphoreState state() {
    return state;
  }
}
