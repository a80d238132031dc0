package org.lockmc.engine.sync;

/**
 * Switches over kernel rules the primitives implement. Production runs always use {@link
 * #KERNEL}; tests turn a rule off to prove that the rule is what produces a verdict.
 *
 * @param queuedWriterBlocksReaders rule (a) of rw_semaphore and percpu_rw_semaphore: while the
 *     lock is read-held and a writer is queued (pending), a new reader blocks behind the writer
 */
public record Semantics(boolean queuedWriterBlocksReaders) {
  /** The kernel's semantics. */
  public static final Semantics KERNEL = new Semantics(true);
}
