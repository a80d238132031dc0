package org.lockmc.engine.sync;

import static org.lockmc.engine.sync.Rule.blocks;
import static org.lockmc.engine.sync.Rule.runs;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.engine.sync.CompletionState.CompletionOp;
import org.lockmc.engine.sync.CompletionState.Kind;

/** {@code wait_for_completion_killable()}: a completion or a fatal signal ends the wait. */
class CompletionKillableTest {
  static final class F implements Rule.Fixture {
    final Script s = new Script();
    final CompletionState done = new CompletionState("unmerged");

    CompletionOp op(Kind k) {
      return new CompletionOp(done, k);
    }

    @Override
    public Script script() {
      return s;
    }
  }

  static Stream<Rule<F>> rules() {
    return Stream.of(
        Rule.<F>blocks("a killable wait sleeps until completed", f -> { }, f -> f.s.a,
            f -> f.op(Kind.WAIT_KILLABLE), List.of()),
        runs("a completion ends it with true", f -> f.s.run(f.s.b, f.op(Kind.COMPLETE_ALL)),
            f -> f.s.a, f -> f.op(Kind.WAIT_KILLABLE), 1),
        runs("a fatal signal ends it with false", f -> f.s.a.kill(), f -> f.s.a,
            f -> f.op(Kind.WAIT_KILLABLE), 0),
        blocks("an uninterruptible wait ignores the signal", f -> f.s.a.kill(), f -> f.s.a,
            f -> f.op(Kind.WAIT), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void rules(Rule<F> rule) {
    rule.check(new F());
  }
}
