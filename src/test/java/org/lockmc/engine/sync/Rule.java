package org.lockmc.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * One row of a blocking-rule table: after {@code setup}, the probed task tries {@code op}; it is
 * {@code enabled} (and performing it returns {@code result}) or it waits for {@code waitsFor}.
 *
 * @param <F> the fixture: a {@link Script} and the primitive under test
 */
record Rule<F extends Rule.Fixture>(String rule, Consumer<F> setup, Function<F, TaskState> probe,
    Function<F, Op> op, boolean enabled, List<String> waitsFor, long result) {

  /** What every fixture offers. */
  interface Fixture {
    Script script();
  }

  /** A rule whose probe is enabled and returns {@code result}. */
  static <F extends Fixture> Rule<F> runs(String rule, Consumer<F> setup,
      Function<F, TaskState> probe, Function<F, Op> op, long result) {
    return new Rule<>(rule, setup, probe, op, true, List.of(), result);
  }

  /** A rule whose probe blocks, waiting for the named tasks. */
  static <F extends Fixture> Rule<F> blocks(String rule, Consumer<F> setup,
      Function<F, TaskState> probe, Function<F, Op> op, List<String> waitsFor) {
    return new Rule<>(rule, setup, probe, op, false, waitsFor, 0);
  }

  /** Checks the row on a fresh fixture. */
  void check(F fixture) {
    setup.accept(fixture);
    Script s = fixture.script();
    TaskState t = probe.apply(fixture);
    Op o = op.apply(fixture);
    assertEquals(enabled, s.enabled(t, o), rule + ": enabled");
    if (enabled) {
      assertEquals(result, s.run(t, o), rule + ": result");
    } else {
      assertEquals(waitsFor, s.waitsFor(t, o), rule + ": waits for");
    }
  }

  @Override
  public String toString() {
    return rule;
  }
}
