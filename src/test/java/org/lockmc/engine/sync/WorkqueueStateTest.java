package org.lockmc.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.lockmc.engine.sync.Rule.blocks;
import static org.lockmc.engine.sync.Rule.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.engine.sync.WorkqueueState.Instance;
import org.lockmc.engine.sync.WorkqueueState.Work;

/** Blocking rules of workqueues (lockdep.md 4.13), one row per rule. */
class WorkqueueStateTest {
  static class F implements Rule.Fixture {
    final Script s = new Script();
    final List<Instance> instances = new ArrayList<>();
    final WorkqueueState wq;
    final Work w = new Work("w", () -> { });
    final Work v = new Work("v", () -> { });

    F() {
      this(false);
    }

    F(boolean ordered) {
      wq = new WorkqueueState("events", ordered, false, i -> {
        instances.add(i);
        return () -> { };
      });
    }

    /** The k-th instance queued, and its kworker's name. */
    Instance instance(int k) {
      return instances.get(k);
    }

    TaskState kworker(int k) {
      return s.spawned.get(k);
    }

    @Override
    public Script script() {
      return s;
    }
  }

  /** The same fixture on an ordered workqueue. */
  static final class Ordered extends F {
    Ordered() {
      super(true);
    }
  }

  static Stream<Rule<F>> rules() {
    return Stream.of(
        Rule.<F>runs("queue_work of an idle work starts a kworker", f -> { }, f -> f.s.a,
            f -> f.wq.queue(f.w), 1),
        runs("queue_work of a pending work does nothing", f -> f.s.run(f.s.a, f.wq.queue(f.w)),
            f -> f.s.b, f -> f.wq.queue(f.w), 0),
        runs("a running work may be queued again", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.kworker(0), f.wq.start(f.instance(0)));
        }, f -> f.s.b, f -> f.wq.queue(f.w), 1),
        blocks("a work never runs concurrently with itself", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.kworker(0), f.wq.start(f.instance(0)));
          f.s.run(f.s.b, f.wq.queue(f.w));
        }, f -> f.kworker(1), f -> f.wq.start(f.instance(1)), List.of("kworker/w")),
        runs("different works run concurrently", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.kworker(0), f.wq.start(f.instance(0)));
          f.s.run(f.s.b, f.wq.queue(f.v));
        }, f -> f.kworker(1), f -> f.wq.start(f.instance(1)), 1),
        runs("flush_work of an idle work returns false at once", f -> { }, f -> f.s.a,
            f -> f.wq.flushWork(f.w), 0),
        blocks("flush_work waits for the pending instance's kworker", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.s.b, f.wq.flushWork(f.w));
        }, f -> f.s.b, f -> f.s.pending(f.s.b), List.of("kworker/w")),
        runs("flush_work returns true once the work has run", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.s.b, f.wq.flushWork(f.w));
          f.s.run(f.kworker(0), f.wq.start(f.instance(0)));
          f.s.run(f.kworker(0), f.wq.done(f.instance(0)));
        }, f -> f.s.b, f -> f.s.pending(f.s.b), 1),
        runs("cancel_work_sync removes a pending instance", f -> f.s.run(f.s.a, f.wq.queue(f.w)),
            f -> f.s.b, f -> f.wq.cancelWorkSync(f.w), 1),
        runs("a cancelled instance's kworker exits without running", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.s.b, f.wq.cancelWorkSync(f.w));
        }, f -> f.kworker(0), f -> f.wq.start(f.instance(0)), 0),
        blocks("cancel_work_sync waits for a running instance", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.kworker(0), f.wq.start(f.instance(0)));
          f.s.run(f.s.b, f.wq.cancelWorkSync(f.w));
        }, f -> f.s.b, f -> f.s.pending(f.s.b), List.of("kworker/w")),
        blocks("flush_workqueue waits for every queued work", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.s.a, f.wq.queue(f.v));
          f.s.run(f.s.b, f.wq.flushWorkqueue());
        }, f -> f.s.b, f -> f.s.pending(f.s.b), List.of("kworker/w", "kworker/v")));
  }

  static Stream<Rule<Ordered>> orderedRules() {
    return Stream.of(
        Rule.<Ordered>blocks("an ordered queue runs one work at a time, in queue order", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.s.b, f.wq.queue(f.v));
        }, f -> f.kworker(1), f -> f.wq.start(f.instance(1)), List.of("kworker/w")),
        runs("an ordered queue starts the next work when the first is done", f -> {
          f.s.run(f.s.a, f.wq.queue(f.w));
          f.s.run(f.s.b, f.wq.queue(f.v));
          f.s.run(f.kworker(0), f.wq.start(f.instance(0)));
          f.s.run(f.kworker(0), f.wq.done(f.instance(0)));
        }, f -> f.kworker(1), f -> f.wq.start(f.instance(1)), 1));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rules")
  void blockingRules(Rule<F> rule) {
    rule.check(new F());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("orderedRules")
  void orderedBlockingRules(Rule<Ordered> rule) {
    rule.check(new Ordered());
  }

  @Test
  void dporTreatsDifferentWorksOfAnUnorderedQueueAsIndependent() {
    F f = new F();
    assertEquals(false, f.wq.dependent(f.wq.queue(f.w), f.wq.flushWork(f.v)));
    assertEquals(true, f.wq.dependent(f.wq.queue(f.w), f.wq.flushWork(f.w)));
    assertEquals(true, f.wq.dependent(f.wq.queue(f.w), f.wq.flushWorkqueue()));
    Ordered o = new Ordered();
    assertEquals(true, o.wq.dependent(o.wq.queue(o.w), o.wq.flushWork(o.v)));
  }
}
