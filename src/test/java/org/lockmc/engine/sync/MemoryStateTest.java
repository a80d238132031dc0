package org.lockmc.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.lockmc.engine.sync.Rule.blocks;
import static org.lockmc.engine.sync.Rule.runs;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.engine.sync.MemoryState.Gfp;
import org.lockmc.engine.sync.MemoryState.Kind;
import org.lockmc.engine.sync.MemoryState.MemOp;
import org.lockmc.engine.sync.MemoryState.Policy;

/**
 * Blocking rules of the page allocator and OOM killer (seed 001 section 4.4). Task A allocates;
 * B and C are candidates that hold memory.
 */
class MemoryStateTest {
  static final Gfp KERNEL = new Gfp("GFP_KERNEL", true, true);
  static final Gfp NORETRY = new Gfp("GFP_NORETRY", true, false);
  static final Gfp NOWAIT = new Gfp("GFP_NOWAIT", false, false);

  static class F implements Rule.Fixture {
    final Script s = new Script();
    final MemoryState mem;

    F() {
      this(Policy.SKIP_TASKS_WITHOUT_MM, 1);
    }

    F(Policy policy, int pages) {
      mem = new MemoryState("memory", pages, policy);
    }

    MemOp op(Kind k, Gfp gfp) {
      return new MemOp(mem, k, gfp, 1, null);
    }

    MemOp op(Kind k) {
      return op(k, null);
    }

    MemOp kill(TaskState victim) {
      return new MemOp(mem, Kind.OOM_KILL, KERNEL, 0, victim);
    }

    /** B registers and takes the only page. */
    void bHoldsMemory() {
      s.run(s.b, op(Kind.REGISTER));
      s.run(s.b, op(Kind.ALLOC, KERNEL));
    }

    @Override
    public Script script() {
      return s;
    }
  }

  /** With the policy that waits for a victim until it has freed its memory. */
  static final class Waiting extends F {
    Waiting() {
      super(Policy.WAIT_FOR_VICTIM, 1);
    }
  }

  /** Without any OOM killer. */
  static final class NoOom extends F {
    NoOom() {
      super(null, 1);
    }
  }

  /** B's page is gone; the only thing A can do is run the OOM killer or wait. */
  static final long OOM_KILL_B = 2 | (1 << 2);
  static final long OOM_KILL_C = 2 | (2 << 2);
  static final long OOM_WAIT = 2;

  static Stream<Rule<F>> rules() {
    return Stream.of(
        Rule.<F>runs("a free page is taken at once", f -> { }, f -> f.s.a,
            f -> f.op(Kind.ALLOC, KERNEL), MemoryState.GOT_PAGE),
        runs("GFP_NOWAIT fails when no page is free", F::bHoldsMemory, f -> f.s.a,
            f -> f.op(Kind.ALLOC, NOWAIT), MemoryState.FAILED),
        runs("__GFP_NORETRY fails instead of invoking the OOM killer", F::bHoldsMemory,
            f -> f.s.a, f -> f.op(Kind.ALLOC, NORETRY), MemoryState.FAILED),
        runs("GFP_KERNEL out of memory asks to kill a candidate with an mm", F::bHoldsMemory,
            f -> f.s.a, f -> f.op(Kind.ALLOC, KERNEL), OOM_KILL_B),
        blocks("after the kill the allocation waits for the victim's memory", f -> {
          f.bHoldsMemory();
          f.s.run(f.s.a, f.kill(f.s.b));
        }, f -> f.s.a, f -> f.op(Kind.RETRY, KERNEL), List.of("B")),
        runs("the victim's own allocations fail (TIF_MEMDIE)", f -> {
          f.bHoldsMemory();
          f.s.run(f.s.a, f.kill(f.s.b));
        }, f -> f.s.b, f -> f.op(Kind.ALLOC, KERNEL), MemoryState.FAILED),
        runs("the waiting allocation gets the page the victim frees", f -> {
          f.bHoldsMemory();
          f.s.run(f.s.a, f.kill(f.s.b));
          f.s.run(f.s.b, f.op(Kind.FREE_ALL));
        }, f -> f.s.a, f -> f.op(Kind.RETRY, KERNEL), MemoryState.GOT_PAGE),
        runs("a second candidate is not killed while the victim still has its mm", f -> {
          f.bHoldsMemory();
          f.s.run(f.s.c, f.op(Kind.REGISTER));
          f.s.run(f.s.a, f.kill(f.s.b));
          f.s.run(f.s.a, f.kill(f.s.c));
        }, f -> f.s.c, f -> f.op(Kind.ALLOC, KERNEL), OOM_WAIT),
        runs("2009: once the victim dropped its mm the next candidate may be killed", f -> {
          f.bHoldsMemory();
          f.s.run(f.s.c, f.op(Kind.REGISTER));
          f.s.run(f.s.a, f.kill(f.s.b));
          f.s.run(f.s.b, f.op(Kind.EXIT_MM));
        }, f -> f.s.a, f -> f.op(Kind.RETRY, KERNEL), OOM_KILL_C),
        blocks("a task without an mm is never chosen", f -> {
          f.bHoldsMemory();
          f.s.run(f.s.b, f.op(Kind.EXIT_MM));
        }, f -> f.s.a, f -> f.op(Kind.RETRY, KERNEL), List.of("B")));
  }

  static Stream<Rule<Waiting>> waitingRules() {
    return Stream.of(Rule.<Waiting>blocks(
        "WAIT_FOR_VICTIM: a victim without its mm is still waited for until it frees memory",
        f -> {
          f.bHoldsMemory();
          f.s.run(f.s.c, f.op(Kind.REGISTER));
          f.s.run(f.s.a, f.kill(f.s.b));
          f.s.run(f.s.b, f.op(Kind.EXIT_MM));
        }, f -> f.s.a, f -> f.op(Kind.RETRY, KERNEL), List.of("B")));
  }

  static Stream<Rule<NoOom>> noOomRules() {
    return Stream.of(Rule.<NoOom>blocks("without an OOM killer an allocation waits for holders",
        f -> {
          f.bHoldsMemory();
          f.s.run(f.s.a, f.op(Kind.ALLOC, KERNEL));
        }, f -> f.s.a, f -> f.op(Kind.RETRY, KERNEL), List.of("B")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void blockingRules(Rule<F> rule) {
    rule.check(new F());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("waitingRules")
  void waitForVictimPolicy(Rule<Waiting> rule) {
    rule.check(new Waiting());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("noOomRules")
  void withoutAnOomKiller(Rule<NoOom> rule) {
    rule.check(new NoOom());
  }

  @Test
  void theKillSetsTheVictimsFatalSignalAndIsDependentWithItsOperations() {
    F f = new F();
    f.bHoldsMemory();
    MemOp kill = f.kill(f.s.b);
    assertEquals(f.s.b, kill.affects());
    f.s.run(f.s.a, kill);
    assertTrue(f.s.b.fatalSignalPending());
  }

  @Test
  void freeingMoreThanOneHoldsIsAViolation() {
    F f = new F();
    f.s.run(f.s.a, new MemOp(f.mem, Kind.FREE, null, 2, null));
    assertEquals(List.of("A: frees 2 page(s) of memory but holds 0"), f.s.violations);
  }
}
