package org.lockmc.jvm;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.model.Verdict;

/**
 * What one run of a model on the plain JVM showed: the violations recorded (failed checks,
 * exceptions, misuses, locks held at exit) and the stall, if the run stalled. One run is one
 * schedule the JVM happened to take: a problem seen is real, but a clean run proves nothing.
 */
public final class JvmOutcome {
  private final List<String> tasks;
  private final List<String> violations;
  private final JvmStall stall;
  private final List<String> unfinished;

  JvmOutcome(List<String> tasks, List<String> violations, JvmStall stall, List<String> unfinished) {
    this.tasks = List.copyOf(tasks);
    this.violations = List.copyOf(violations);
    this.stall = stall;
    this.unfinished = List.copyOf(unfinished);
  }

  /**
   * The kinds seen in this run, in {@link Verdict} order; empty when the run was clean. Tasks left
   * blocked with no cycle after a violation are the violation's consequence, not a separate hang:
   * the rule 'lockmc check' applies to an execution.
   */
  public List<Verdict> seen() {
    List<Verdict> kinds = new ArrayList<>();
    if (stall != null && !(stall.kind() == Verdict.HANG && !violations.isEmpty())) {
      kinds.add(stall.kind());
    }
    if (!violations.isEmpty()) {
      kinds.add(Verdict.VIOLATION);
    }
    return kinds;
  }

  /** Whether every task ran to its end without any problem. */
  public boolean clean() {
    return stall == null && violations.isEmpty() && unfinished.isEmpty();
  }

  /** Tasks still running when the run's time was up (a livelock, or a slow model). */
  public List<String> unfinished() {
    return unfinished;
  }

  /** The names of the tasks of the run, spawned ones included, in order of creation. */
  public List<String> tasks() {
    return tasks;
  }

  /** {@code task: message} for every violation, in the order they happened. */
  public List<String> violations() {
    return violations;
  }

  /** The blocked tasks of a stall, one line each; empty when the run did not stall. */
  public List<String> blocked() {
    return stall == null ? List.of() : stall.lines();
  }

  /** The report printed by {@code lockmc run}, lines ending in {@code \n}. */
  public String render(String model) {
    StringBuilder b = new StringBuilder();
    if (clean()) {
      b.append(model).append(": ran to completion, tasks ").append(tasks)
          .append(" (one schedule on the JVM; 'lockmc check' explores them all)\n");
      return b.toString();
    }
    for (Verdict kind : seen()) {
      b.append(model).append(": ").append(kind.name()).append(" seen once on the JVM\n");
    }
    if (!unfinished.isEmpty()) {
      b.append(model).append(": tasks ").append(unfinished).append(" still running when the time"
          + " was up (a livelock, or a model too slow for the limit)\n");
    }
    for (String v : violations) {
      b.append("  violation: ").append(v).append('\n');
    }
    if (stall != null) {
      b.append(seen().contains(stall.kind())
          ? "  blocked (every live task waits; nothing can wake them):\n"
          : "  blocked behind the violation (every live task waits; nothing can wake them):\n");
      for (String line : stall.lines()) {
        b.append("    ").append(line).append('\n');
      }
    }
    return b.toString();
  }
}
