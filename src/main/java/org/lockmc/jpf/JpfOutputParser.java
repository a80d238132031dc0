package org.lockmc.jpf;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.lockmc.config.VerdictMapping.JpfKind;

/**
 * Reads JPF's console report: the {@code results} section ({@code error #n: <property> ...} or
 * {@code no errors detected}), the {@code states:} statistics line, the first error's message,
 * and whether a search constraint (depth, memory) cut the search short. A run without a results section is a JPF error, described by its first line that
 * looks like one.
 */
public final class JpfOutputParser {
  static final String DEADLOCK_PROPERTY = "gov.nasa.jpf.vm.NotDeadlockedProperty";
  static final String EXCEPTION_PROPERTY = "gov.nasa.jpf.vm.NoUncaughtExceptionsProperty";
  private static final String RULE = "======================================================";

  private JpfOutputParser() {}

  /** Parses the output of a JPF run that ended by itself after {@code elapsed}. */
  public static JpfResult parse(String output, Duration elapsed) {
    String[] lines = output.split("\r?\n");
    Set<JpfKind> kinds = EnumSet.noneOf(JpfKind.class);
    boolean results = false;
    boolean clean = false;
    boolean unknownError = false;
    long states = -1;
    String firstError = null;
    String trouble = null;
    String constraint = null;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.startsWith(RULE + " results")) {
        results = true;
      } else if (results && line.startsWith("no errors detected")) {
        clean = true;
      } else if (results && line.startsWith("error #")) {
        if (line.contains(DEADLOCK_PROPERTY)) {
          kinds.add(JpfKind.DEADLOCK);
        } else if (line.contains(EXCEPTION_PROPERTY)) {
          kinds.add(JpfKind.EXCEPTION);
        } else {
          unknownError = true;
          trouble = trouble == null ? line.trim() : trouble;
        }
      } else if (line.startsWith("states:")) {
        states = number(line, "new=");
      } else if (line.startsWith("search:") && number(line, "constraints=") > 0 && constraint == null) {
        constraint = "JPF's search hit " + number(line, "constraints=") + " search constraint(s)";
      } else if (line.startsWith(RULE + " search constraint") && i + 1 < lines.length) {
        constraint = "JPF's search was cut: " + lines[i + 1].trim();
      } else if (firstError == null && line.startsWith(RULE + " error ")) {
        firstError = errorMessage(lines, i + 1);
      } else if (trouble == null && looksLikeTrouble(line)) {
        trouble = line.trim();
      }
    }
    if (!results || unknownError || (!clean && kinds.isEmpty())) {
      return new JpfResult(JpfResult.Status.JPF_ERROR, kinds, states, elapsed,
          trouble == null ? "JPF printed no results" : trouble);
    }
    if (constraint != null) {
      return new JpfResult(JpfResult.Status.CONSTRAINED, kinds, states, elapsed, constraint);
    }
    return new JpfResult(JpfResult.Status.FINISHED, kinds, states, elapsed,
        firstError == null ? "" : firstError);
  }

  /**
   * The kinds of the errors JPF printed before it was stopped: with {@code
   * report.console.property_violation=error} each error section ({@code ===... error N} and the
   * property's class on the next line) is printed as the error is found, so a run stopped at the
   * time limit still says what it had found. Properties lockmc does not map are left out.
   */
  public static Set<JpfKind> errorsSoFar(String output) {
    String[] lines = output.split("\r?\n");
    Set<JpfKind> kinds = EnumSet.noneOf(JpfKind.class);
    for (int i = 0; i + 1 < lines.length; i++) {
      if (lines[i].startsWith(RULE + " error ")) {
        String property = lines[i + 1].trim();
        if (property.equals(DEADLOCK_PROPERTY)) {
          kinds.add(JpfKind.DEADLOCK);
        } else if (property.equals(EXCEPTION_PROPERTY)) {
          kinds.add(JpfKind.EXCEPTION);
        }
      }
    }
    return kinds;
  }

  /** The first message line of an error section: the line after the property's class name. */
  private static String errorMessage(String[] lines, int from) {
    for (int i = from + 1; i < lines.length && !lines[i].startsWith(RULE); i++) {
      if (!lines[i].isBlank()) {
        return lines[i].trim();
      }
    }
    return from < lines.length ? lines[from].trim() : "";
  }

  /** {@code [SEVERE] ...}, or a host exception such as {@code java.lang.IllegalAccessError: ...}. */
  private static boolean looksLikeTrouble(String line) {
    return line.startsWith("[SEVERE]") || line.startsWith("Exception in thread")
        || line.startsWith("error:") || TROUBLE.matcher(line).lookingAt();
  }

  private static final java.util.regex.Pattern TROUBLE =
      java.util.regex.Pattern.compile("(java|gov\\.nasa\\.jpf)\\.[\\w.$]*(Error|Exception)\\b");

  private static long number(String line, String key) {
    int at = line.indexOf(key);
    if (at < 0) {
      return -1;
    }
    int start = at + key.length();
    int end = start;
    while (end < line.length() && Character.isDigit(line.charAt(end))) {
      end++;
    }
    return end == start ? -1 : Long.parseLong(line.substring(start, end));
  }
}
