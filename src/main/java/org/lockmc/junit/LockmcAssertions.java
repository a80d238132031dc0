package org.lockmc.junit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.lockmc.check.CheckResult;
import org.lockmc.check.Checker;
import org.lockmc.check.Instrumentation;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.instrument.ClassBytes;
import org.lockmc.instrument.ModelClassLoader;
import org.lockmc.model.Verdict;
import org.lockmc.report.ModelReport;
import org.lockmc.report.TraceReport;

/**
 * Assertions for checking lock models from a test suite (JUnit 5, or any framework that reports
 * an {@link AssertionError}), so that {@code mvn test} fails when a locking design's verdict
 * changes:
 *
 * <pre>
 * &#64;Test void inodeLockOrderIsSafe() {
 *   LockmcAssertions.assertVerdict(InodeLockOrder.class, Verdict.SAFE);
 * }
 * &#64;Test void everyModelMeetsItsExpectation() {
 *   LockmcAssertions.assertExpected(InodeLockOrder.class);   // @LockModel(expect = ...)
 * }
 * </pre>
 *
 * <p>A failure's message holds what a CI log needs to see why: the model, the result against the
 * expectation, and each counterexample as the table of {@code trace.txt} (one column per task,
 * model source lines, where each task blocked) followed by its schedule, which {@code lockmc
 * replay} reproduces. The model class is loaded afresh through lockmc's model class loader, so
 * the checked copy is the instrumented one, whatever loaded the test.
 *
 * <p>Stateless: every call checks the model anew with the given (or default) bounds.
 */
public final class LockmcAssertions {
  private LockmcAssertions() {}

  /**
   * Asserts that {@code model}'s result is what its {@code @LockModel} states: the verdict
   * ({@code expect}) and, when the model states one, lockdep's verdict ({@code lockdep}).
   */
  public static CheckResult assertExpected(Class<?> model) {
    return assertExpected(load(model));
  }

  /** Asserts that {@code model}'s result is exactly the given kinds ({@code SAFE} alone). */
  public static CheckResult assertVerdict(Class<?> model, Verdict verdict, Verdict... more) {
    return assertVerdict(load(model), ExplorerConfig.DEFAULTS, kinds(verdict, more));
  }

  /** Asserts that a located model's result (and lockdep's verdict) is what its {@code @LockModel} states. */
  public static CheckResult assertExpected(ModelDefinition model) {
    CheckResult c = assertVerdict(model, ExplorerConfig.DEFAULTS, model.expect());
    if (!c.lockdepAsExpected()) {
      throw new AssertionError(model.name() + ": the model states lockdep = "
          + model.lockdep().name() + " but lockdep's view is " + c.lockdep().summary() + "\n\n"
          + c.lockdep().text());
    }
    return c;
  }

  /**
   * Checks {@code model} under {@code config} and asserts that the result is {@code expected}:
   * exactly those bad kinds found, or, for {@code SAFE}, none found by a complete exploration.
   *
   * @return the result, for further assertions
   * @throws AssertionError naming the difference, with every counterexample and its schedule
   */
  public static CheckResult assertVerdict(ModelDefinition model, ExplorerConfig config,
      Set<Verdict> expected) {
    if (expected.isEmpty() || (expected.contains(Verdict.SAFE) && expected.size() > 1)) {
      throw new IllegalArgumentException("expect SAFE alone, or one or more bad kinds: " + expected);
    }
    CheckResult c = Checker.check(model, config);
    ExplorationResult r = c.exploration();
    boolean ok = expected.contains(Verdict.SAFE) ? r.found().isEmpty() && r.complete()
        : r.found().equals(expected);
    if (!ok) {
      throw new AssertionError(message(ModelReport.of(c), expected));
    }
    return c;
  }

  /** The failure message: what differs, then each counterexample and its schedule. */
  static String message(ModelReport report, Set<Verdict> expected) {
    ExplorationResult r = report.result();
    StringBuilder b = new StringBuilder();
    b.append(report.name()).append(": expected ").append(names(expected)).append(" but the result")
        .append(" is ").append(r.verdict()).append(" (").append(r.executions())
        .append(r.executions() == 1 ? " execution, " : " executions, ")
        .append(r.complete() ? "complete" : "incomplete").append(")\n");
    if (report.witnesses().isEmpty() && expected.contains(Verdict.SAFE)) {
      b.append("no counterexample: exploration was bounded by ").append(r.bound())
          .append("; raise the bound or shrink the model\n");
    } else if (report.witnesses().isEmpty()) {
      b.append("no counterexample: no execution showed ").append(names(expected)).append('\n');
    }
    for (int i = 0; i < report.witnesses().size(); i++) {
      b.append('\n').append(TraceReport.section(report.witnesses().get(i), null));
      b.append("\nschedule (save it as schedule.txt and run: lockmc replay schedule.txt):\n")
          .append(report.schedule(i));
    }
    return b.toString();
  }

  private static String names(Set<Verdict> kinds) {
    StringBuilder b = new StringBuilder();
    for (Verdict v : kinds) {
      b.append(b.length() == 0 ? "" : ", ").append(v.name());
    }
    return b.toString();
  }

  private static Set<Verdict> kinds(Verdict first, Verdict... more) {
    Set<Verdict> s = EnumSet.of(first);
    s.addAll(Arrays.asList(more));
    return s;
  }

  /**
   * The model definition of {@code type}, loaded afresh (instrumented, child-first) from the
   * class files of the loader that loaded it.
   *
   * @throws ModelError when the class is not a valid model
   */
  public static ModelDefinition load(Class<?> type) {
    ClassLoader own = type.getClassLoader() == null ? ClassLoader.getSystemClassLoader()
        : type.getClassLoader();
    ClassBytes bytes = name -> {
      try (InputStream in = own.getResourceAsStream(name.replace('.', '/') + ".class")) {
        return in == null ? null : in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
    ModelClassLoader loader = new ModelClassLoader(LockmcAssertions.class.getClassLoader(), bytes,
        Instrumentation.transformer());
    try {
      return ModelDefinition.of(Class.forName(type.getName(), false, loader));
    } catch (ClassNotFoundException e) {
      throw new ModelError("cannot load model class " + type.getName() + ": " + e);
    }
  }
}
