package org.lockmc.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lockmc.engine.sync.Rule.blocks;
import static org.lockmc.engine.sync.Rule.runs;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.engine.sync.KernfsNodeState.Kind;
import org.lockmc.engine.sync.KernfsNodeState.KernfsOp;

/** Blocking rules of kernfs active references (lockdep.md 4.11), one row per rule. */
class KernfsNodeStateTest {
  static final class F implements Rule.Fixture {
    final Script s = new Script();
    final KernfsNodeState kn = new KernfsNodeState("kn->active#state");

    KernfsOp op(Kind k) {
      return new KernfsOp(kn, k);
    }

    @Override
    public Script script() {
      return s;
    }
  }

  static Stream<Rule<F>> rules() {
    return Stream.of(
        Rule.<F>runs("get_active on a live node succeeds", f -> { }, f -> f.s.a,
            f -> f.op(Kind.GET_ACTIVE), 1),
        runs("get_active fails once removal started", f -> {
          f.s.run(f.s.b, f.op(Kind.GET_ACTIVE));
          f.s.run(f.s.c, f.op(Kind.REMOVE));
        }, f -> f.s.a, f -> f.op(Kind.GET_ACTIVE), 0),
        blocks("removal waits for every active reference", f -> {
          f.s.run(f.s.a, f.op(Kind.GET_ACTIVE));
          f.s.run(f.s.b, f.op(Kind.GET_ACTIVE));
          f.s.run(f.s.c, f.op(Kind.REMOVE));
        }, f -> f.s.c, f -> f.s.pending(f.s.c), List.of("A", "B")),
        runs("removal proceeds once the references are put", f -> {
          f.s.run(f.s.a, f.op(Kind.GET_ACTIVE));
          f.s.run(f.s.c, f.op(Kind.REMOVE));
          f.s.run(f.s.a, f.op(Kind.PUT_ACTIVE));
        }, f -> f.s.c, f -> f.s.pending(f.s.c), 0),
        blocks("a file operation removing its own file waits for itself", f -> {
          f.s.run(f.s.a, f.op(Kind.GET_ACTIVE));
          f.s.run(f.s.a, f.op(Kind.REMOVE));
        }, f -> f.s.a, f -> f.s.pending(f.s.a), List.of("A")),
        runs("removing an unused node does not wait", f -> f.s.run(f.s.c, f.op(Kind.REMOVE)),
            f -> f.s.c, f -> f.s.pending(f.s.c), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void blockingRules(Rule<F> rule) {
    rule.check(new F());
  }

  @Test
  void putWithoutGetIsAViolation() {
    F f = new F();
    f.s.run(f.s.a, f.op(Kind.PUT_ACTIVE));
    assertEquals(List.of("A: kernfs_put_active(kn->active#state) without a matching"
        + " kernfs_get_active"), f.s.violations);
  }

  @Test
  void lockdepSeesAReadTrylockAndAWriteAroundTheDrain() {
    F f = new F();
    assertEquals(LockdepEffect.tryAcquire(f.kn, 1), f.op(Kind.GET_ACTIVE).lockdep());
    assertEquals(LockdepEffect.acquire(f.kn), f.op(Kind.REMOVE).lockdep());
    assertEquals(null, f.op(Kind.DRAIN).lockdep());
    assertEquals(LockdepEffect.release(f.kn), f.op(Kind.REMOVED).lockdep());
  }
}
