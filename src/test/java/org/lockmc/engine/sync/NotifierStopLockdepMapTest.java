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
import org.lockmc.engine.sync.NotifierChainState.ChainOp;
import org.lockmc.engine.sync.StopMachineState.Kind;
import org.lockmc.engine.sync.StopMachineState.StopOp;

/**
 * The rules of the smaller new states: the notifier chain's unlocked head test, stop_machine's
 * barrier and assertion, and pure lockdep maps.
 */
class NotifierStopLockdepMapTest {
  static final class F implements Rule.Fixture {
    final Script s = new Script();
    final NotifierChainState<Runnable> chain = new NotifierChainState<>("memory_chain");
    final PercpuRwSemaphoreState cpuLock = new PercpuRwSemaphoreState("cpu_hotplug_lock");
    final StopMachineState stopper = new StopMachineState(cpuLock);
    final SpinLockState spin = new SpinLockState("zone->lock");
    final Runnable cb = () -> { };

    ChainOp chainOp(NotifierChainState.Kind k, Object cb) {
      return new ChainOp(chain, k, cb);
    }

    StopOp stop(Kind k) {
      return new StopOp(stopper, k);
    }

    @Override
    public Script script() {
      return s;
    }
  }

  static Stream<Rule<F>> rules() {
    return Stream.of(
        Rule.<F>runs("an empty chain's head test says empty (no lock taken)", f -> { },
            f -> f.s.a, f -> f.chainOp(NotifierChainState.Kind.HEAD, null), 0),
        runs("a callback registered at boot makes the head test non-empty, with no operation",
            f -> { }, f -> f.s.a, f -> new ChainOp(new NotifierChainState<>("memory_chain",
                List.of(f.cb)), NotifierChainState.Kind.HEAD, null), 1),
        runs("a registered callback makes the head test non-empty",
            f -> f.s.run(f.s.b, f.chainOp(NotifierChainState.Kind.LINK, f.cb)), f -> f.s.a,
            f -> f.chainOp(NotifierChainState.Kind.HEAD, null), 1),
        blocks("stop_machine waits for a task in atomic context", f -> f.s.run(f.s.b,
            new SpinLockState.SpinOp(f.spin, SpinLockState.Kind.LOCK, 0, null)),
            f -> f.s.a, f -> f.stop(Kind.STOP_CPUS), List.of("B")),
        runs("stop_machine stops the machine when every cpu can run its stopper", f -> { },
            f -> f.s.a, f -> f.stop(Kind.STOP_CPUS), 0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void rules(Rule<F> rule) {
    rule.check(new F());
  }

  @Test
  void stopMachineRunsFnInAtomicContextWithEveryOtherTaskStopped() {
    F f = new F();
    StopOp stop = f.stop(Kind.STOP_CPUS);
    assertTrue(stop.global() && stop.mightSleep());
    f.s.run(f.s.a, stop);
    assertEquals(f.s.a, f.s.stoppedBy);
    assertTrue(f.s.a.inAtomic());
    f.s.run(f.s.a, f.stop(Kind.RESTART));
    assertEquals(null, f.s.stoppedBy);
    assertEquals(false, f.s.a.inAtomic());
  }

  @Test
  void lockdepAssertCpusHeldIsAViolationWithoutTheLock() {
    F f = new F();
    f.s.run(f.s.a, f.stop(Kind.ASSERT_CPUS_HELD));
    f.s.run(f.s.b, new PercpuRwSemaphoreState.PercpuOp(f.cpuLock,
        PercpuRwSemaphoreState.Kind.DOWN_READ, "cpus_read_lock"));
    f.s.run(f.s.b, f.stop(Kind.ASSERT_CPUS_HELD));
    assertEquals(List.of("A: lockdep_assert_cpus_held(): A does not hold cpu_hotplug_lock (call"
        + " cpus_read_lock() first, or use the variant without _cpuslocked)"), f.s.violations);
  }

  @Test
  void unregisteringAnUnknownCallbackIsAViolation() {
    F f = new F();
    f.s.run(f.s.a, f.chainOp(NotifierChainState.Kind.UNLINK, f.cb));
    assertEquals(List.of("A: blocking_notifier_chain_unregister(memory_chain) of a callback that"
        + " is not registered"), f.s.violations);
  }

  @Test
  void lockdepMapsNeverBlockNeverConflictAndAreRecorded() {
    Script s = new Script();
    LockdepMapState map = new LockdepMapState("(wq_completion)events");
    assertEquals(LockdepEffect.acquire(map, 0, 0), map.acquire().lockdep());
    assertEquals(LockdepEffect.acquire(map, 0, 2), map.acquireRead().lockdep());
    assertEquals(LockdepEffect.release(map), map.release().lockdep());
    assertEquals(false, map.dependent(map.acquire(), map.release()));
    s.run(s.a, map.acquire());
    assertTrue(s.enabled(s.b, map.acquire()));
    s.run(s.b, map.acquire());
    assertEquals("[(wq_completion)events]", s.a.held().toString());
    s.run(s.a, map.release());
    s.run(s.a, map.release());
    assertEquals(List.of("A: lock_map_release((wq_completion)events) but A does not hold it (bad"
        + " unlock balance)"), s.violations);
  }
}
