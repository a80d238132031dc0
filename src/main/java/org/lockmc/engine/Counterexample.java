package org.lockmc.engine;

import java.util.List;

/**
 * The canonical witness of one finding: the first execution, in exploration order, that showed
 * it. {@link #schedule()} replays it exactly; {@link #trace()} is what a person reads.
 *
 * @param finding what went wrong
 * @param execution the 1-based execution number in which it was found
 * @param tasks the task names, in id order (the trace's columns)
 * @param schedule the decisions up to and including the one that produced the finding
 * @param trace the performed operations, one per row
 * @param finalWaits how every task still blocked at the end waits
 */
public record Counterexample(
    Finding finding,
    long execution,
    List<String> tasks,
    List<Choice> schedule,
    List<TraceEntry> trace,
    List<Finding.Wait> finalWaits) {}
