package org.lockmc.lockdep;

/**
 * The first recording of one kind of dependency {@code from -> to}: what lockdep validates with
 * {@code check_noncircular()} when it adds or widens an edge. The cycle search replays these in
 * recording order, so a cycle is reported where lockdep would report it: at the dependency that
 * closes it.
 *
 * @param from the held class
 * @param to the class being acquired
 * @param bit the {@link Dep} kind
 * @param record where it was recorded
 * @param edge the stored edge, or null when the rules check this dependency without storing it
 *     (a read-2 acquisition before 5.10)
 */
public record DepEvent(LockClass from, LockClass to, int bit, EdgeRecord record, Edge edge) {

  /** Whether the dependency is stored in the graph (and can be part of later cycles). */
  public boolean stored() {
    return edge != null;
  }
}
