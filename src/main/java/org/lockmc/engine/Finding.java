package org.lockmc.engine;

import java.util.List;
import org.lockmc.model.Verdict;

/**
 * One bad outcome found in an execution. Findings are data: names and text, no live objects, so
 * reports and comparisons do not depend on the execution that produced them.
 */
public sealed interface Finding
    permits Finding.Deadlock, Finding.Hang, Finding.Livelock, Finding.Violation {

  /** The verdict kind. */
  Verdict kind();

  /**
   * What identifies the finding across executions and strategies: kind and the blocked set (or
   * the task and message). DPOR and exhaustive exploration must reach the same set of keys.
   */
  String key();

  /** The step (event index) at which it formed. */
  int step();

  /** One line for the console. */
  String summary();

  /**
   * How one blocked task waits.
   *
   * @param task the task
   * @param op the operation it is blocked in
   * @param reason whom it waits for and why
   * @param held the locks it holds, outermost first
   * @param lockdepClass the lock class lockdep saw it acquire for this wait, or null when lockdep
   *     does not see the wait (bit waits, completions, memory, wake-ups)
   * @param waitsFor the tasks it waits for (its edges in the wait-for graph); empty
   *     when it waits for an event no particular task owns
   */
  record Wait(String task, String op, String reason, List<String> held, String lockdepClass,
      List<String> waitsFor) {}

  /** Tasks blocked in a cycle of the wait-for graph. */
  record Deadlock(List<String> tasks, List<Wait> waits, List<String> alsoBlocked, int step)
      implements Finding {
    @Override
    public Verdict kind() {
      return Verdict.DEADLOCK;
    }

    @Override
    public String key() {
      return "DEADLOCK" + tasks;
    }

    @Override
    public String summary() {
      return tasks.size() == 1
          ? "DEADLOCK: " + tasks.get(0) + " waits for itself"
          : "DEADLOCK: " + String.join(", ", tasks) + " wait for each other";
    }
  }

  /** Every unfinished task blocked, no cycle, nothing else wrong (a lost wake-up). */
  record Hang(List<String> tasks, List<Wait> waits, int step) implements Finding {
    @Override
    public Verdict kind() {
      return Verdict.HANG;
    }

    @Override
    public String key() {
      return "HANG" + tasks;
    }

    @Override
    public String summary() {
      return "HANG: " + String.join(", ", tasks) + " blocked forever";
    }
  }

  /** A task that ran past its step bound under a fair schedule. */
  record Livelock(String task, int steps, String lastOp, int step) implements Finding {
    @Override
    public Verdict kind() {
      return Verdict.LIVELOCK;
    }

    @Override
    public String key() {
      return "LIVELOCK[" + task + "]";
    }

    @Override
    public String summary() {
      return "LIVELOCK: " + task + " ran " + steps + " steps without finishing (last: " + lastOp
          + ")";
    }
  }

  /** A failed check, an exception, or a misuse. */
  record Violation(String task, String message, int step) implements Finding {
    @Override
    public Verdict kind() {
      return Verdict.VIOLATION;
    }

    @Override
    public String key() {
      return "VIOLATION[" + task + ": " + message + "]";
    }

    @Override
    public String summary() {
      return "VIOLATION in " + task + ": " + message;
    }
  }
}
