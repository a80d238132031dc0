package org.lockmc.lockdep;

/**
 * A deadlock the explorer reached that lockdep would not report, with the reason: a wait lockdep
 * does not track (a bit, a completion, a wait queue, a task's exit, memory), or a dependency the
 * rules do not store (a recursive-read annotation before 5.10).
 *
 * @param witness the deadlock
 * @param reason why lockdep stays silent
 */
public record InvisibleDeadlock(DeadlockWitness witness, String reason) {}
