package org.lockmc.config;

import java.util.EnumSet;
import java.util.Set;
import org.lockmc.model.Verdict;

/**
 * How lockmc's verdicts and Java PathFinder's errors correspond, on models run on the JVM
 * harness:
 *
 * <ul>
 *   <li>{@code DEADLOCK} and {@code HANG} are both JPF's {@code NotDeadlockedProperty} (every
 *       thread waiting): JPF cannot tell a wait-for cycle from a lost wake-up;
 *   <li>{@code VIOLATION} is JPF's {@code NoUncaughtExceptionsProperty} (the harness ends a task
 *       that fails a check or misuses a lock with an {@code AssertionError});
 *   <li>{@code LIVELOCK} has no counterpart: JPF's state matching closes the loop of a task that
 *       spins, so JPF reports nothing for it;
 *   <li>{@code SAFE} is JPF's "no errors detected".
 * </ul>
 */
public final class VerdictMapping {
  /** What JPF can report. */
  public enum JpfKind {
    /** {@code gov.nasa.jpf.vm.NotDeadlockedProperty}. */
    DEADLOCK,
    /** {@code gov.nasa.jpf.vm.NoUncaughtExceptionsProperty}. */
    EXCEPTION
  }

  private VerdictMapping() {}

  /** The JPF errors that stand for lockmc's {@code kinds}. */
  public static Set<JpfKind> toJpf(Set<Verdict> kinds) {
    Set<JpfKind> out = EnumSet.noneOf(JpfKind.class);
    for (Verdict v : kinds) {
      if (v == Verdict.DEADLOCK || v == Verdict.HANG) {
        out.add(JpfKind.DEADLOCK);
      } else if (v == Verdict.VIOLATION) {
        out.add(JpfKind.EXCEPTION);
      }
    }
    return out;
  }

  /** {@code deadlock}, {@code uncaught exception}, {@code deadlock and uncaught exception}, {@code no errors}. */
  public static String jpfView(Set<Verdict> kinds) {
    return describe(toJpf(kinds));
  }

  /** Text for a set of JPF kinds, as {@link #jpfView} words it. */
  public static String describe(Set<JpfKind> kinds) {
    if (kinds.isEmpty()) {
      return "no errors";
    }
    StringBuilder b = new StringBuilder();
    for (JpfKind k : kinds) {
      b.append(b.length() == 0 ? "" : " and ")
          .append(k == JpfKind.DEADLOCK ? "deadlock" : "uncaught exception");
    }
    return b.toString();
  }
}
