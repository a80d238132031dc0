package org.lockmc.engine;

/**
 * One row of a counterexample trace.
 *
 * @param step the event index, or -1 for a data choice
 * @param task the task's name
 * @param op what it did ({@code mutex_lock(a)}, {@code choose(2) = 1})
 * @param site the model source line, or null when not captured
 */
public record TraceEntry(int step, String task, String op, String site) {}
