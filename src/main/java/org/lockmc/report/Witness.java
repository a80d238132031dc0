package org.lockmc.report;

import java.util.List;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.Finding;

/**
 * A counterexample replayed for the reports: the rows a person reads (steps, data choices and
 * the moments tasks blocked), with the model source line of each, the intervals in which each
 * task held each lock, the intervals it waited, and the lock-class dependencies it showed.
 *
 * <p>Invariants: rows are in the order things happened; every {@link Hold#from}, {@link
 * Hold#to}, {@link Wait#from} and {@link Wait#to} is an index into {@link #rows} (or -1 for "to
 * the end"); task names are those of {@link Counterexample#tasks()}; nothing in a witness depends
 * on identity hash codes, threads or timings, so renderers print the same bytes every time.
 *
 * @param counterexample the replayed counterexample (its trace carries model source lines)
 * @param rows what happened, one row per step, data choice or block
 * @param holds every lock hold, in order of acquisition
 * @param waits every wait, in order of blocking
 * @param dependencies the lock-class dependencies (held class, then acquired class) the tasks
 *     showed, in order of first occurrence
 * @param lockClasses every lock class a task acquired or tried to, in order of first occurrence
 */
public record Witness(
    Counterexample counterexample,
    List<Row> rows,
    List<Hold> holds,
    List<Wait> waits,
    List<Dependency> dependencies,
    List<String> lockClasses) {

  public Witness {
    rows = List.copyOf(rows);
    holds = List.copyOf(holds);
    waits = List.copyOf(waits);
    dependencies = List.copyOf(dependencies);
    lockClasses = List.copyOf(lockClasses);
  }

  /** What a row shows. */
  public enum Kind {
    /** A performed operation: {@code mutex_lock(a)}. */
    STEP,
    /** A data choice: {@code choose(2) = 1}. */
    CHOICE,
    /** A task reached an operation it cannot perform now. */
    BLOCKED
  }

  /**
   * One row.
   *
   * @param kind what it shows
   * @param step the 1-based step number for {@link Kind#STEP} rows (the position of its decision
   *     in the schedule), else 0
   * @param task the task's name
   * @param text the operation (or choice)
   * @param site the model source line ({@code AbbaDeadlock.java:25}), or null
   * @param reason why the task blocked ({@link Kind#BLOCKED} rows), else null
   */
  public record Row(Kind kind, int step, String task, String text, String site, String reason) {}

  /**
   * A task holding a lock from row {@code from} to row {@code to}.
   *
   * @param task the holder
   * @param lock the lock's name (its class name)
   * @param mode {@code read}, {@code write} or empty
   * @param from the row of the acquisition
   * @param to the row of the release, or -1 when still held at the end
   */
  public record Hold(String task, String lock, String mode, int from, int to) {
    /** {@code a} or {@code Y (write)}. */
    public String label() {
      return mode.isEmpty() ? lock : lock + " (" + mode + ")";
    }
  }

  /**
   * A task blocked from row {@code from} until row {@code to}.
   *
   * @param task the waiter
   * @param op the operation it waits in
   * @param reason whom it waits for and why
   * @param from its {@link Kind#BLOCKED} row
   * @param to the row where it went on, or -1 when it was still blocked at the end
   * @param waitsFor the tasks it waits for at the end (empty for waits that ended)
   * @param inCycle whether it is part of the deadlock cycle of this counterexample
   */
  public record Wait(String task, String op, String reason, int from, int to,
      List<String> waitsFor, boolean inCycle) {}

  /**
   * A lock-class dependency: {@code task} acquired (or tried to) {@code to} while holding {@code
   * from}, as lockdep's {@code prev -> next} edge.
   *
   * @param from the held class
   * @param to the class being acquired
   * @param task who showed it
   * @param op the acquiring operation
   * @param site its model source line, or null
   */
  public record Dependency(String from, String to, String task, String op, String site) {}

  /** The finding this witness shows. */
  public Finding finding() {
    return counterexample.finding();
  }

  /** The task names, in column order. */
  public List<String> tasks() {
    return counterexample.tasks();
  }

  /** The waits still blocked at the end, in task (column) order. */
  public List<Wait> finalWaits() {
    List<Wait> end = new java.util.ArrayList<>();
    for (String t : tasks()) {
      for (Wait w : waits) {
        if (w.to() < 0 && w.task().equals(t)) {
          end.add(w);
        }
      }
    }
    return end;
  }

  /**
   * The model line where the finding shows: the blocking acquisition of the first task in the
   * deadlock cycle (or the first blocked task of a hang), else the last step of the task the
   * finding names; null when the replay captured no line.
   */
  public String site() {
    for (Wait w : finalWaits()) {
      if (w.inCycle() || !(finding() instanceof Finding.Deadlock)) {
        return rows.get(w.from()).site();
      }
    }
    String task = finding() instanceof Finding.Violation ? ((Finding.Violation) finding()).task()
        : finding() instanceof Finding.Livelock ? ((Finding.Livelock) finding()).task() : null;
    for (int i = rows.size() - 1; i >= 0; i--) {
      Row r = rows.get(i);
      if (r.site() != null && (task == null || r.task().equals(task))) {
        return r.site();
      }
    }
    return null;
  }
}
