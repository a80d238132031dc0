package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;

/**
 * {@code struct rw_semaphore} (kernel/locking/rwsem.c): shared readers, one writer, a FIFO wait
 * queue.
 *
 * <p>Rules, with the reference section 4.3 of lockdep.md:
 *
 * <ul>
 *   <li>(a) a new {@code down_read} blocks while a writer holds the lock, or while readers hold
 *       it and a writer is queued ("read; writer waits; read again = deadlock", rule (b));
 *       a reader may still steal a free lock while a woken writer has not taken it yet;
 *   <li>(c) {@code down_read_trylock} fails whenever anyone is queued; {@code down_write_trylock}
 *       succeeds only on a free lock with an empty queue;
 *   <li>writers are served in FIFO order; when the head of the queue is a reader, a release
 *       grants the lock to every queued reader at once, as {@code rwsem_mark_wake} does;
 *   <li>no upgrade: {@code down_write} while holding it for read waits for oneself;
 *   <li>{@code downgrade_write} turns the write hold into a read hold and wakes queued readers;
 *   <li>misuse ({@code up_read} of a write hold, {@code up_write} of a read hold, releasing a lock
 *       not held) is a violation with no effect: the hold stays, so later writers block forever,
 *       which is how the corrupted count of seed 004-F behaves.
 * </ul>
 *
 * A blocking {@code down_read}/{@code down_write} is two steps: the call queues the task (an
 * event, because queue order is state other tasks observe) and the task then waits on {@link
 * Kind#AWAIT_READ}/{@link Kind#AWAIT_WRITE}.
 */
public final class RwSemaphoreState extends SyncObject {
  private TaskState writer;
  private final Map<TaskState, Integer> readers = new LinkedHashMap<>();
  private final LinkedList<Waiter> queue = new LinkedList<>();
  private final List<TaskState> granted = new ArrayList<>();

  /** A queued task and the mode it waits for. */
  private record Waiter(TaskState task, boolean write) {}

  /** The rw_semaphore operations. */
  public enum Kind {
    DOWN_READ,
    DOWN_READ_TRYLOCK,
    DOWN_WRITE,
    DOWN_WRITE_TRYLOCK,
    UP_READ,
    UP_WRITE,
    DOWNGRADE_WRITE,
    AWAIT_READ,
    AWAIT_WRITE
  }

  /** One rw_semaphore operation. */
  public record RwsemOp(RwSemaphoreState object, Kind kind, int subclass, SyncObject nestLock)
      implements Op {
    @Override
    public String describe() {
      String n = object.name();
      String sub = subclass == 0 ? "" : "_nested";
      String arg = subclass == 0 ? n : n + ", " + subclass;
      switch (kind) {
        case DOWN_READ:
          return "down_read" + sub + "(" + arg + ")";
        case DOWN_READ_TRYLOCK:
          return "down_read_trylock(" + n + ")";
        case DOWN_WRITE:
          if (nestLock != null) {
            return "down_write_nest_lock(" + n + ", " + nestLock.name() + ")";
          }
          return "down_write" + sub + "(" + arg + ")";
        case DOWN_WRITE_TRYLOCK:
          return "down_write_trylock(" + n + ")";
        case UP_READ:
          return "up_read(" + n + ")";
        case UP_WRITE:
          return "up_write(" + n + ")";
        case DOWNGRADE_WRITE:
          return "downgrade_write(" + n + ")";
        case AWAIT_READ:
          return "down_read(" + n + ") [queued]";
        default:
          return "down_write(" + n + ") [queued]";
      }
    }

    @Override
    public boolean mightSleep() {
      return kind == Kind.DOWN_READ || kind == Kind.DOWN_WRITE;
    }

    @Override
    public LockdepEffect lockdep() {
      switch (kind) {
        case DOWN_READ:
          return LockdepEffect.acquire(object, subclass, 1);
        case DOWN_WRITE:
          return nestLock != null
              ? LockdepEffect.acquireNested(object, nestLock)
              : LockdepEffect.acquire(object, subclass, 0);
        case DOWN_READ_TRYLOCK:
          return LockdepEffect.tryAcquire(object, 1);
        case DOWN_WRITE_TRYLOCK:
          return LockdepEffect.tryAcquire(object, 0);
        case UP_READ:
        case UP_WRITE:
          return LockdepEffect.release(object);
        case DOWNGRADE_WRITE:
          return LockdepEffect.downgrade(object);
        default:
          return null;
      }
    }
  }

  public RwSemaphoreState(String name) {
    super(name);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    switch (((RwsemOp) op).kind()) {
      case AWAIT_READ:
        return granted.contains(task);
      case AWAIT_WRITE:
        return writer == null && readers.isEmpty() && queue.getFirst().task() == task;
      default:
        return true;
    }
  }

  @Override
  public Step perform(Op op, TaskState task, World world) {
    RwsemOp r = (RwsemOp) op;
    switch (r.kind()) {
      case DOWN_READ:
        if (readerMustQueue(world)) {
          queue.add(new Waiter(task, false));
          return Step.then(new RwsemOp(this, Kind.AWAIT_READ, r.subclass(), null));
        }
        addReader(task);
        return Step.done();
      case AWAIT_READ:
        granted.remove(task);
        return Step.done();
      case DOWN_READ_TRYLOCK:
        if (writer != null || !queue.isEmpty()) {
          return Step.result(false);
        }
        addReader(task);
        return Step.result(true);
      case DOWN_WRITE:
        if (writer == null && readers.isEmpty() && queue.isEmpty()) {
          takeWrite(task);
          return Step.done();
        }
        queue.add(new Waiter(task, true));
        return Step.then(new RwsemOp(this, Kind.AWAIT_WRITE, r.subclass(), null));
      case AWAIT_WRITE:
        queue.removeFirst();
        takeWrite(task);
        return Step.done();
      case DOWN_WRITE_TRYLOCK:
        if (writer != null || !readers.isEmpty() || !queue.isEmpty()) {
          return Step.result(false);
        }
        takeWrite(task);
        return Step.result(true);
      case UP_READ:
        upRead(task, world);
        return Step.done();
      case UP_WRITE:
        upWrite(task, world);
        return Step.done();
      default:
        downgrade(task, world);
        return Step.done();
    }
  }

  private boolean readerMustQueue(World world) {
    if (writer != null) {
      return true;
    }
    return world.semantics().queuedWriterBlocksReaders() && !readers.isEmpty() && writerQueued();
  }

  private boolean writerQueued() {
    for (Waiter w : queue) {
      if (w.write()) {
        return true;
      }
    }
    return false;
  }

  private void addReader(TaskState task) {
    // not merge(task, 1, Integer::sum): JPF (java-17 branch) calls that method reference
    // without unboxing its arguments
    readers.put(task, readers.getOrDefault(task, 0) + 1);
    task.acquired(this, "read");
  }

  private void takeWrite(TaskState task) {
    writer = task;
    task.acquired(this, "write");
  }

  private void upRead(TaskState task, World world) {
    Integer n = readers.get(task);
    if (n == null) {
      world.violation(task, writer == task
          ? "up_read(" + name() + ") but " + task.name() + " holds it for write (use up_write)"
          : "up_read(" + name() + ") but " + task.name() + " does not hold it for read");
      return;
    }
    if (n == 1) {
      readers.remove(task);
    } else {
      readers.put(task, n - 1);
    }
    task.released(this, "read");
    wake();
  }

  private void upWrite(TaskState task, World world) {
    if (writer != task) {
      world.violation(task, readers.containsKey(task)
          ? "up_write(" + name() + ") but " + task.name() + " holds it for read (use up_read); the"
              + " read hold is never released"
          : "up_write(" + name() + ") but " + task.name() + " does not hold it for write");
      return;
    }
    writer = null;
    task.released(this, "write");
    wake();
  }

  private void downgrade(TaskState task, World world) {
    if (writer != task) {
      world.violation(task, "downgrade_write(" + name() + ") but " + task.name()
          + " does not hold it for write");
      return;
    }
    writer = null;
    task.changeMode(this, "write", "read");
    readers.put(task, readers.getOrDefault(task, 0) + 1);
    wake();
  }

  /** After a release: if a reader heads the queue, grant every queued reader (rwsem_mark_wake). */
  private void wake() {
    if (writer != null || queue.isEmpty() || queue.getFirst().write()) {
      return;
    }
    for (Iterator<Waiter> it = queue.iterator(); it.hasNext(); ) {
      Waiter w = it.next();
      if (!w.write()) {
        it.remove();
        addReader(w.task());
        granted.add(w.task());
      }
    }
  }

  @Override
  public WaitFor waitFor(Op op, TaskState task) {
    List<TaskState> on = new ArrayList<>();
    StringBuilder why = new StringBuilder("rwsem " + name());
    if (((RwsemOp) op).kind() == Kind.AWAIT_READ) {
      if (writer != null) {
        on.add(writer);
        why.append(" held for write by ").append(writer.name());
      }
      List<TaskState> ahead = writersAhead(task);
      if (!ahead.isEmpty()) {
        on.addAll(ahead);
        why.append(writer != null ? ";" : ":").append(" writer ").append(names(ahead))
            .append(" queued ahead");
        if (!readers.isEmpty()) {
          why.append(" (read-held by ").append(names(new ArrayList<>(readers.keySet()))).append(")");
        }
      }
      return WaitFor.allOf(on, why.toString());
    }
    if (writer != null) {
      on.add(writer);
      why.append(" held for write by ").append(writer.name());
    } else if (!readers.isEmpty()) {
      on.addAll(readers.keySet());
      why.append(" held for read by ").append(names(new ArrayList<>(readers.keySet())));
    }
    for (Waiter w : queue) {
      if (w.task() == task) {
        break;
      }
      on.add(w.task());
      why.append("; ").append(w.task().name()).append(" queued ahead");
    }
    return WaitFor.allOf(on, why.toString());
  }

  private List<TaskState> writersAhead(TaskState task) {
    List<TaskState> ahead = new ArrayList<>();
    for (Waiter w : queue) {
      if (w.task() == task) {
        break;
      }
      if (w.write()) {
        ahead.add(w.task());
      }
    }
    return ahead;
  }

  static String names(List<TaskState> tasks) {
    StringBuilder b = new StringBuilder();
    for (TaskState t : tasks) {
      if (b.length() > 0) {
        b.append(", ");
      }
      b.append(t.name());
    }
    return b.toString();
  }
}
