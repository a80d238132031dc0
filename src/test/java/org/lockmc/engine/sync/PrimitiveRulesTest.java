package org.lockmc.engine.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Table-driven tests of every primitive's blocking rule. Each row is a script of steps {@code
 * <task> <verb> -> <outcome>} separated by {@code ;}, where the outcome is {@code ok}, {@code
 * true}/{@code false} (a trylock's result), {@code blocks}, or {@code violation}; {@code <task>
 * resume} retries the operation the task is blocked in.
 */
class PrimitiveRulesTest {

  static Stream<Arguments> rwsem() {
    return Stream.of(
        row("readers share", "R1 down_read -> ok; R2 down_read -> ok"),
        row("a writer excludes readers", "W down_write -> ok; R down_read -> blocks; W up_write -> ok;"
            + " R resume -> ok"),
        row("(a) while read-held, a queued writer blocks a new reader",
            "R1 down_read -> ok; W down_write -> blocks; R2 down_read -> blocks"),
        row("(b) a reader reading again behind a queued writer blocks on itself",
            "R1 down_read -> ok; W down_write -> blocks; R1' down_read -> blocks"),
        row("(c) down_read_trylock fails while a waiter is queued",
            "R1 down_read -> ok; W down_write -> blocks; R2 down_read_trylock -> false"),
        row("down_read_trylock succeeds among readers", "R1 down_read -> ok; R2 down_read_trylock -> true"),
        row("down_read_trylock fails on a write hold", "W down_write -> ok; R down_read_trylock -> false"),
        row("down_write_trylock fails on a read hold", "R down_read -> ok; W down_write_trylock -> false"),
        row("down_write_trylock succeeds on a free lock", "W down_write_trylock -> true"),
        row("writers queue in FIFO order", "W1 down_write -> ok; W2 down_write -> blocks;"
            + " W3 down_write -> blocks; W1 up_write -> ok; W3 resume -> blocks; W2 resume -> ok"),
        row("a release grants every queued reader when a reader heads the queue",
            "W down_write -> ok; R1 down_read -> blocks; R2 down_read -> blocks; W up_write -> ok;"
                + " R1 resume -> ok; R2 resume -> ok"),
        row("downgrade_write keeps a read hold and wakes queued readers",
            "W down_write -> ok; R down_read -> blocks; W downgrade_write -> ok; R resume -> ok;"
                + " X down_write -> blocks"),
        row("no upgrade: down_write while holding it for read waits for oneself",
            "R down_read -> ok; R down_write -> blocks"),
        row("up_read of a write hold is a violation", "W down_write -> ok; W up_read -> violation"),
        row("up_write of a read hold is a violation and the read hold stays",
            "R down_read -> ok; R up_write -> violation; W down_write -> blocks"),
        row("up_read without a hold is a violation", "R up_read -> violation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rwsem(String name, String script) {
    RwSemaphoreState s = new RwSemaphoreState("&mm->mmap_sem");
    play(script, verb -> {
      switch (verb) {
        case "down_read":
          return new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWN_READ, 0, null);
        case "down_read_trylock":
          return new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWN_READ_TRYLOCK, 0, null);
        case "down_write":
          return new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWN_WRITE, 0, null);
        case "down_write_trylock":
          return new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWN_WRITE_TRYLOCK, 0, null);
        case "up_read":
          return new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.UP_READ, 0, null);
        case "up_write":
          return new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.UP_WRITE, 0, null);
        default:
          return new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWNGRADE_WRITE, 0, null);
      }
    }, new Scenario());
  }

  static Stream<Arguments> rwsemWithoutRuleA() {
    return Stream.of(
        row("with rule (a) off a new reader passes a queued writer",
            "R1 down_read -> ok; W down_write -> blocks; R2 down_read -> ok"),
        row("with rule (a) off a writer holder still blocks readers",
            "W down_write -> ok; R down_read -> blocks"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void rwsemWithoutRuleA(String name, String script) {
    RwSemaphoreState s = new RwSemaphoreState("sem");
    play(script, verb -> new RwSemaphoreState.RwsemOp(s, verb.equals("down_read")
        ? RwSemaphoreState.Kind.DOWN_READ : RwSemaphoreState.Kind.DOWN_WRITE, 0, null),
        new Scenario(new Semantics(false)));
  }

  static Stream<Arguments> mutex() {
    return Stream.of(
        row("exclusive", "A lock -> ok; B lock -> blocks; A unlock -> ok; B resume -> ok"),
        row("relock by the owner is a self-deadlock", "A lock -> ok; A lock -> blocks"),
        row("trylock never blocks", "A lock -> ok; B trylock -> false; A unlock -> ok; B trylock -> true"),
        row("only the owner may unlock", "A lock -> ok; B unlock -> violation; C lock -> blocks"),
        row("unlock of a free mutex is a violation", "A unlock -> violation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void mutex(String name, String script) {
    MutexState m = new MutexState("ksm_thread_mutex");
    play(script, verb -> new MutexState.MutexOp(m, verb.equals("lock") ? MutexState.Kind.LOCK
        : verb.equals("trylock") ? MutexState.Kind.TRYLOCK : MutexState.Kind.UNLOCK, 0, null),
        new Scenario());
  }

  static Stream<Arguments> spinlock() {
    return Stream.of(
        row("exclusive", "A lock -> ok; B lock -> blocks; A unlock -> ok; B resume -> ok"),
        row("relock spins forever", "A lock -> ok; A lock -> blocks"),
        row("only the owner may unlock", "A lock -> ok; B unlock -> violation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void spinlock(String name, String script) {
    SpinLockState l = new SpinLockState("&zone->lock");
    play(script, verb -> new SpinLockState.SpinOp(l, verb.equals("lock") ? SpinLockState.Kind.LOCK
        : verb.equals("trylock") ? SpinLockState.Kind.TRYLOCK : SpinLockState.Kind.UNLOCK, 0, null),
        new Scenario());
  }

  static Stream<Arguments> percpu() {
    return Stream.of(
        row("readers share", "R1 down_read -> ok; R2 down_read -> ok"),
        row("a pending writer blocks new readers, then waits for readers to drain",
            "R1 down_read -> ok; W down_write -> blocks; R2 down_read -> blocks; R1 up_read -> ok;"
                + " W resume -> ok; R2 resume -> blocks; W up_write -> ok; R2 resume -> ok"),
        row("a recursive read behind a pending writer blocks",
            "R down_read -> ok; W down_write -> blocks; R' down_read -> blocks"),
        row("writers exclude each other", "W1 down_write -> ok; W2 down_write -> blocks"),
        row("down_read_trylock fails while a writer is pending",
            "R down_read -> ok; W down_write -> blocks; T down_read_trylock -> false"),
        row("up_write by a non-writer is a violation", "A up_write -> violation"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void percpu(String name, String script) {
    PercpuRwSemaphoreState p = new PercpuRwSemaphoreState("cpu_hotplug_lock");
    play(script, verb -> {
      switch (verb) {
        case "down_read":
          return new PercpuRwSemaphoreState.PercpuOp(p, PercpuRwSemaphoreState.Kind.DOWN_READ, "percpu_down_read");
        case "down_read_trylock":
          return new PercpuRwSemaphoreState.PercpuOp(p, PercpuRwSemaphoreState.Kind.DOWN_READ_TRYLOCK, "percpu_down_read_trylock");
        case "up_read":
          return new PercpuRwSemaphoreState.PercpuOp(p, PercpuRwSemaphoreState.Kind.UP_READ, "percpu_up_read");
        case "down_write":
          return new PercpuRwSemaphoreState.PercpuOp(p, PercpuRwSemaphoreState.Kind.WRITE_BLOCK, "percpu_down_write");
        default:
          return new PercpuRwSemaphoreState.PercpuOp(p, PercpuRwSemaphoreState.Kind.UP_WRITE, "percpu_up_write");
      }
    }, new Scenario());
  }

  static Stream<Arguments> completion() {
    return Stream.of(
        row("wait sleeps until complete", "A wait -> blocks; B complete -> ok; A resume -> ok"),
        row("one complete releases one waiter", "B complete -> ok; A wait -> ok; C wait -> blocks"),
        row("complete_all releases everyone", "B complete_all -> ok; A wait -> ok; C wait -> ok"),
        row("try_wait never blocks", "A try_wait -> false; B complete -> ok; A try_wait -> true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void completion(String name, String script) {
    CompletionState c = new CompletionState("done");
    play(script, verb -> new CompletionState.CompletionOp(c, verb.equals("wait")
        ? CompletionState.Kind.WAIT : verb.equals("complete") ? CompletionState.Kind.COMPLETE
        : verb.equals("complete_all") ? CompletionState.Kind.COMPLETE_ALL
        : CompletionState.Kind.TRY_WAIT), new Scenario());
  }

  static Stream<Arguments> waitQueue() {
    return Stream.of(
        row("a prepared sleeper is woken by wake_up",
            "A prepare -> ok; A schedule -> blocks; B wake_up -> ok; A resume -> ok"),
        row("a wake-up before prepare_to_wait is lost",
            "B wake_up -> ok; A prepare -> ok; A schedule -> blocks"),
        row("a wake-up between prepare_to_wait and schedule is not lost",
            "A prepare -> ok; B wake_up -> ok; A schedule -> ok"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void waitQueue(String name, String script) {
    WaitQueueState w = new WaitQueueState("ksm_thread_wait");
    play(script, verb -> new WaitQueueState.WaitQueueOp(w, verb.equals("prepare")
        ? WaitQueueState.Kind.PREPARE : verb.equals("schedule") ? WaitQueueState.Kind.SCHEDULE
        : WaitQueueState.Kind.WAKE_UP, false), new Scenario());
  }

  static Stream<Arguments> bitWait() {
    return Stream.of(
        row("a waiter on a set bit sleeps until wake_up_bit",
            "H set_bit -> ok; W prepare -> ok; W schedule -> blocks; H clear_bit -> ok;"
                + " H wake_up_bit -> ok; W resume -> ok"),
        row("clearing the bit without wake_up_bit leaves the sleeper asleep",
            "H set_bit -> ok; W prepare -> ok; W schedule -> blocks; H clear_bit -> ok; W resume -> blocks"),
        row("test_bit reads the bit", "W test_bit -> ok; H set_bit -> ok; W test_bit -> true"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void bitWait(String name, String script) {
    BitWordState b = new BitWordState("ksm_run", 0);
    play(script, verb -> {
      switch (verb) {
        case "set_bit":
          return new BitWordState.BitOp(b, BitWordState.Kind.SET_BIT, 2);
        case "clear_bit":
          return new BitWordState.BitOp(b, BitWordState.Kind.CLEAR_BIT, 2);
        case "test_bit":
          return new BitWordState.BitOp(b, BitWordState.Kind.TEST_BIT, 2);
        case "prepare":
          return new BitWordState.BitOp(b, BitWordState.Kind.PREPARE_BIT, 2);
        case "schedule":
          return new BitWordState.BitOp(b, BitWordState.Kind.SCHEDULE_BIT, 2);
        default:
          return new BitWordState.BitOp(b, BitWordState.Kind.WAKE_UP_BIT, 2);
      }
    }, new Scenario());
  }

  static Stream<Arguments> srcu() {
    return Stream.of(
        row("readers never block", "R1 read_lock -> 1; R2 read_lock -> 2; S synchronize -> blocks"),
        row("synchronize waits only for readers that began before it",
            "R1 read_lock -> 1; S synchronize -> blocks; R2 read_lock -> 2; R1 read_unlock_1 -> ok;"
                + " S resume -> ok"),
        row("synchronize inside its own read section waits for itself",
            "R read_lock -> 1; R synchronize -> blocks"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void srcu(String name, String script) {
    GracePeriodState g = GracePeriodState.srcu("&mmn->srcu");
    play(script, verb -> {
      if (verb.equals("read_lock")) {
        return new GracePeriodState.GpOp(g, GracePeriodState.Kind.READ_LOCK, 0, null);
      }
      if (verb.startsWith("read_unlock_")) {
        return new GracePeriodState.GpOp(g, GracePeriodState.Kind.READ_UNLOCK,
            Long.parseLong(verb.substring(12)), null);
      }
      return new GracePeriodState.GpOp(g, GracePeriodState.Kind.SYNCHRONIZE, 0, null);
    }, new Scenario());
  }

  @org.junit.jupiter.api.Test
  void srcuSelfWaitIsACycleOnTheCaller() {
    Scenario sc = new Scenario();
    GracePeriodState g = GracePeriodState.srcu("s");
    sc.run("R", new GracePeriodState.GpOp(g, GracePeriodState.Kind.READ_LOCK, 0, null));
    sc.run("R", new GracePeriodState.GpOp(g, GracePeriodState.Kind.SYNCHRONIZE, 0, null));
    assertEquals(List.of(sc.task("R")), sc.waitFor("R").tasks());
  }

  @org.junit.jupiter.api.Test
  void rwsemReaderBehindQueuedWriterWaitsOnTheWriter() {
    Scenario sc = new Scenario();
    RwSemaphoreState s = new RwSemaphoreState("sem");
    sc.run("R1", new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWN_READ, 0, null));
    sc.run("W", new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWN_WRITE, 0, null));
    sc.run("R2", new RwSemaphoreState.RwsemOp(s, RwSemaphoreState.Kind.DOWN_READ, 0, null));
    assertEquals(List.of(sc.task("W")), sc.waitFor("R2").tasks());
    assertEquals(List.of(sc.task("R1")), sc.waitFor("W").tasks());
    assertTrue(sc.waitFor("W").all());
  }

  // ---- the script interpreter -----------------------------------------------------------------

  private static Arguments row(String name, String script) {
    return Arguments.of(name, script);
  }

  /** Runs {@code script}; {@code R1'} is task {@code R1} calling again while it holds the lock. */
  private static void play(String script, Function<String, Op> ops, Scenario sc) {
    List<String> failures = new ArrayList<>();
    for (String step : script.split(";")) {
      step = step.strip();
      if (step.isEmpty()) {
        continue;
      }
      String[] lhs = step.split("->")[0].strip().split(" ");
      String expected = normalise(step.split("->")[1].strip());
      String task = alias(lhs[0]);
      String actual = lhs[1].equals("resume") ? sc.resume(task) : sc.run(task, ops.apply(lhs[1]));
      if (!actual.equals(expected)) {
        failures.add(step + " but got " + actual);
      }
    }
    assertEquals(List.of(), failures, "violations: " + sc.violations);
  }

  /** Results are numbers: {@code false} and {@code ok} are 0, {@code true} and {@code 1} are 1. */
  private static String normalise(String outcome) {
    return outcome.equals("false") ? "ok" : outcome.equals("1") ? "true" : outcome;
  }

  private static String alias(String name) {
    return name.endsWith("'") ? name.substring(0, name.length() - 1) : name;
  }
}
