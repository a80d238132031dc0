package org.lockmc.engine.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The list of a {@code struct blocking_notifier_head}. The chain's {@code rwsem} (a separate
 * {@link RwSemaphoreState} named {@code (name).rwsem}) protects it: callers walk it under the
 * read lock, {@code register}/{@code unregister} change it under the write lock. What this object
 * adds is the one unlocked access, {@code blocking_notifier_call_chain}'s {@code
 * rcu_access_pointer(nh->head)} test, after which an empty chain takes no lock at all.
 *
 * @param <C> the callback type (model code; opaque to the engine)
 */
public final class NotifierChainState<C> extends SyncObject {
  private final List<C> callbacks = new ArrayList<>();

  /** The operations: the unlocked head test, and the list changes made under the write lock. */
  public enum Kind {
    HEAD,
    LINK,
    UNLINK
  }

  /** One operation; {@code callback} is the block linked or unlinked. */
  public record ChainOp(NotifierChainState<?> object, Kind kind, Object callback) implements Op {
    @Override
    public String describe() {
      String n = object.name();
      switch (kind) {
        case HEAD:
          return "rcu_access_pointer(" + n + ".head)";
        case LINK:
          return "notifier_chain_register(" + n + ")";
        default:
          return "notifier_chain_unregister(" + n + ")";
      }
    }
  }

  public NotifierChainState(String name) {
    super(name);
  }

  /**
   * A chain whose list already holds {@code registeredAtBoot}, in call order: blocks linked
   * before any task runs, without an operation (see {@code NotifierChain}'s boot constructor).
   */
  public NotifierChainState(String name, List<C> registeredAtBoot) {
    super(name);
    callbacks.addAll(registeredAtBoot);
  }

  /** The registered callbacks, in call order; read only under the chain's rwsem. */
  public List<C> callbacks() {
    return List.copyOf(callbacks);
  }

  @Override
  public boolean enabled(Op op, TaskState task, World world) {
    return true;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Step perform(Op op, TaskState task, World world) {
    ChainOp c = (ChainOp) op;
    switch (c.kind()) {
      case HEAD:
        return Step.result(!callbacks.isEmpty());
      case LINK:
        callbacks.add((C) c.callback());
        return Step.done();
      default:
        if (!callbacks.remove(c.callback())) {
          world.violation(task, "blocking_notifier_chain_unregister(" + name()
              + ") of a callback that is not registered");
        }
        return Step.done();
    }
  }

  @Override
  public boolean dependent(Op a, Op b) {
    return ((ChainOp) a).kind() != Kind.HEAD || ((ChainOp) b).kind() != Kind.HEAD;
  }
}
