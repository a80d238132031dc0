package org.lockmc.kernel;

import java.util.List;
import org.lockmc.engine.sync.NotifierChainState;
import org.lockmc.engine.sync.NotifierChainState.ChainOp;
import org.lockmc.engine.sync.NotifierChainState.Kind;
import org.lockmc.runtime.ModelRuntime;

/**
 * A blocking notifier chain ({@code BLOCKING_NOTIFIER_HEAD(name)}, kernel/notifier.c): {@link
 * #call} runs every registered callback with the chain's rwsem {@code (name).rwsem} held for
 * read; {@link #register} and {@link #unregister} take it for write (lockdep.md section 4.9).
 *
 * <p>So every lock a callback takes nests inside {@code (name).rwsem}, and a callback that calls
 * the same chain again, or registers on it, can deadlock behind a queued writer (or on itself).
 * An empty chain takes no lock at all: {@code call} first tests the head without the lock.
 */
public final class NotifierChain {
  /** {@code NOTIFY_DONE}: don't care. */
  public static final int NOTIFY_DONE = 0;
  /** {@code NOTIFY_OK}: suits me. */
  public static final int NOTIFY_OK = 1;
  /** {@code NOTIFY_STOP_MASK}: a callback result with this bit ends the walk. */
  public static final int NOTIFY_STOP_MASK = 0x8000;
  /** {@code NOTIFY_BAD}: veto. */
  public static final int NOTIFY_BAD = NOTIFY_STOP_MASK | 0x0002;

  /** A {@code notifier_block}'s {@code notifier_call}: model code run under the chain's rwsem. */
  @FunctionalInterface
  public interface Callback {
    /** Handles {@code action} (for example {@code MEM_GOING_OFFLINE}); returns a NOTIFY_ code. */
    int call(long action);
  }

  private final NotifierChainState<Callback> state;
  private final RwSemaphore rwsem;

  /** A chain named as the kernel variable, {@code "memory_chain"}. */
  public NotifierChain(String name) {
    state = new NotifierChainState<>(name);
    rwsem = new RwSemaphore("(" + name + ").rwsem");
  }

  /**
   * A chain on which {@code registeredAtBoot} were registered during boot, before any task runs,
   * in this call order: an {@code __init} function's {@code hotplug_memory_notifier(fn, pri)}, as
   * {@code ksm_init()} does. While {@code system_state == SYSTEM_BOOTING}, {@code
   * blocking_notifier_chain_register()} links the block without taking the rwsem, so nothing is
   * performed and lockdep records nothing. Callbacks may be the model's own methods ({@code
   * this::ksmMemoryCallback}): they run only when a task calls the chain.
   */
  public NotifierChain(String name, Callback... registeredAtBoot) {
    state = new NotifierChainState<>(name, List.of(registeredAtBoot));
    rwsem = new RwSemaphore("(" + name + ").rwsem");
  }

  /** {@code blocking_notifier_chain_register()}: adds {@code cb} under the write lock. */
  public Callback register(Callback cb) {
    rwsem.downWrite();
    ModelRuntime.current().perform(new ChainOp(state, Kind.LINK, cb));
    rwsem.upWrite();
    return cb;
  }

  /** {@code blocking_notifier_chain_unregister()}: removes {@code cb} under the write lock. */
  public void unregister(Callback cb) {
    rwsem.downWrite();
    ModelRuntime.current().perform(new ChainOp(state, Kind.UNLINK, cb));
    rwsem.upWrite();
  }

  /**
   * {@code blocking_notifier_call_chain(nh, action, NULL)}: calls every callback in registration
   * order under the read lock, until one returns a result with {@link #NOTIFY_STOP_MASK}; returns
   * the last result ({@link #NOTIFY_DONE} for an empty chain, which takes no lock).
   */
  public int call(long action) {
    if (ModelRuntime.current().perform(new ChainOp(state, Kind.HEAD, null)) == 0) {
      return NOTIFY_DONE;
    }
    rwsem.downRead();
    List<Callback> callbacks = state.callbacks();
    int ret = NOTIFY_DONE;
    for (Callback cb : callbacks) {
      ret = cb.call(action);
      if ((ret & NOTIFY_STOP_MASK) != 0) {
        break;
      }
    }
    rwsem.upRead();
    return ret;
  }

  /** The chain's rwsem, {@code (name).rwsem}, as lockdep names it. */
  public RwSemaphore rwsem() {
    return rwsem;
  }

  public String name() {
    return state.name();
  }
}
