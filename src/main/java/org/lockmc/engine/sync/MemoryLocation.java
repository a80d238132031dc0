package org.lockmc.engine.sync;

/**
 * One shared memory location of a model: a non-final field of one object, a static field, or one
 * element of an array. Instrumented model code performs an {@link Access} before every read and
 * write, so that the interleaving of plain-variable accesses is explored.
 *
 * <p>DPOR dependence by location: two accesses conflict when at least one of them writes.
 */
public final class MemoryLocation extends SyncObject {
  private final Access read = new Access(this, false);
  private final Access write = new Access(this, true);

  /** A read or write of this location; the access itself happens in model code right after. */
  public record Access(MemoryLocation object, boolean write) implements Op {
    @Override
    public String describe() {
      return (write ? "WRITE " : "READ ") + object.name();
    }
  }

  public MemoryLocation(String name) {
    super(name);
  }

  /** The read of this location (one shared value: accesses are immutable). */
  public Access read() {
    return read;
  }

  /** The write of this location. */
  public Access write() {
    return write;
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return true;
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    return Step.done();
  }

  @Override
  public boolean dependent(Op a, Op b) {
    return ((Access) a).write() || ((Access) b).write();
  }
}
