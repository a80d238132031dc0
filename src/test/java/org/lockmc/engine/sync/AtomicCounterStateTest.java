package org.lockmc.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lockmc.engine.sync.Rule.blocks;
import static org.lockmc.engine.sync.Rule.runs;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.engine.sync.AtomicCounterState.CounterOp;
import org.lockmc.engine.sync.AtomicCounterState.Kind;

/** Rules of atomic_t reference counts ({@code mm_users}, {@code mm_count}). */
class AtomicCounterStateTest {
  static final class F implements Rule.Fixture {
    final Script s = new Script();
    final AtomicCounterState users = new AtomicCounterState("mm->mm_users", 1);

    CounterOp op(Kind k, long arg) {
      return new CounterOp(users, k, arg);
    }

    @Override
    public Script script() {
      return s;
    }
  }

  static Stream<Rule<F>> rules() {
    return Stream.of(
        Rule.<F>runs("dec_and_test is true for the last reference", f -> { }, f -> f.s.a,
            f -> f.op(Kind.ADD_RETURN, -1), 0),
        runs("dec_and_test is false while others hold references",
            f -> f.s.run(f.s.b, f.op(Kind.ADD, 1)), f -> f.s.a, f -> f.op(Kind.ADD_RETURN, -1), 1),
        runs("inc_not_zero fails on a dead count", f -> f.s.run(f.s.a, f.op(Kind.ADD, -1)),
            f -> f.s.b, f -> f.op(Kind.INC_NOT_ZERO, 0), 0),
        runs("inc_not_zero takes a reference on a live count", f -> { }, f -> f.s.b,
            f -> f.op(Kind.INC_NOT_ZERO, 0), 1),
        blocks("waiting for zero waits for the tasks that took references", f -> {
          f.s.run(f.s.b, f.op(Kind.ADD, 1));
          f.s.run(f.s.c, f.op(Kind.ADD, 1));
        }, f -> f.s.a, f -> f.op(Kind.WAIT_ZERO, 0), List.of("B", "C")),
        blocks("references present at creation belong to nobody", f -> { }, f -> f.s.a,
            f -> f.op(Kind.WAIT_ZERO, 0), List.of()),
        runs("waiting for zero returns once the count is zero", f -> {
          f.s.run(f.s.b, f.op(Kind.ADD, 1));
          f.s.run(f.s.b, f.op(Kind.ADD, -1));
          f.s.run(f.s.c, f.op(Kind.ADD, -1));
        }, f -> f.s.a, f -> f.op(Kind.WAIT_ZERO, 0), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void blockingRules(Rule<F> rule) {
    rule.check(new F());
  }

  @Test
  void readsCommuteAndEveryChangeConflicts() {
    F f = new F();
    assertEquals(false, f.users.dependent(f.op(Kind.READ, 0), f.op(Kind.WAIT_ZERO, 0)));
    assertEquals(true, f.users.dependent(f.op(Kind.READ, 0), f.op(Kind.ADD, 1)));
    assertEquals(true, f.users.dependent(f.op(Kind.ADD, -1), f.op(Kind.WAIT_ZERO, 0)));
  }
}
