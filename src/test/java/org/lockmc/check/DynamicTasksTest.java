package org.lockmc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.testing.TestModels;

/**
 * Tasks that start tasks: kernel threads ({@code kthread_run}, {@code kthread_stop}, {@code
 * kthread_should_stop}) and kworkers ({@code queue_work}, {@code flush_work}, {@code
 * cancel_work_sync}), checked under both strategies.
 */
class DynamicTasksTest {

  private static ModelDefinition model(String name, String body) {
    return TestModels.compile("dyn." + name, TestModels.header("dyn")
        + "@LockModel(expect = Verdict.SAFE) public class " + name + " {\n" + body + "\n}\n");
  }

  private static void assertKeys(ModelDefinition m, Set<String> keys) {
    for (StrategyKind s : new StrategyKind[] {StrategyKind.DPOR, StrategyKind.EXHAUSTIVE}) {
      ExplorationResult r = TestModels.check(m, s);
      assertTrue(r.complete(), m.name() + " " + s);
      assertEquals(keys, r.findingKeys(), m.name() + " under " + s);
    }
  }

  @Test
  void kthreadStopEndsAThreadThatPollsShouldStop() {
    assertKeys(model("Poller", String.join("\n",
        "  int loops;",
        "  @Task(\"init\") void init() {",
        "    Kthread k = Kernel.kthreadRun(\"poller\", () -> {",
        "      while (!Kernel.kthreadShouldStop()) { loops++; Kernel.condResched(); }",
        "    });",
        "    k.stop();",
        "  }")), Set.of());
  }

  @Test
  void kthreadStopUnderALockTheThreadTakesDeadlocks() {
    assertKeys(model("StopUnderLock", String.join("\n",
        "  final Mutex lock = new Mutex(\"ksm_thread_mutex\");",
        "  @Task(\"init\") void init() {",
        "    Kthread k = Kernel.kthreadRun(\"ksmd\", () -> {",
        "      while (!Kernel.kthreadShouldStop()) { lock.lock(); lock.unlock(); Kernel.condResched(); }",
        "    });",
        "    lock.lock();",
        "    k.stop();",
        "    lock.unlock();",
        "  }")), Set.of("DEADLOCK[init, ksmd]"));
  }

  @Test
  void flushWorkReturnsOnlyAfterTheWorkRan() {
    assertKeys(model("Flushed", String.join("\n",
        "  final Workqueue wq = new Workqueue(\"events\");",
        "  int ran;",
        "  final Work w = new Work(wq, \"w\", () -> ran = 1);",
        "  @Task(\"t\") void t() {",
        "    wq.queueWork(w);",
        "    w.flushWork();",
        "    Kernel.check(ran == 1, \"flush_work returned before the work ran\");",
        "  }")), Set.of());
  }

  @Test
  void withoutTheFlushTheWorkMayNotHaveRun() {
    assertKeys(model("Unflushed", String.join("\n",
        "  final Workqueue wq = new Workqueue(\"events\");",
        "  int ran;",
        "  final Work w = new Work(wq, \"w\", () -> ran = 1);",
        "  @Task(\"t\") void t() {",
        "    wq.queueWork(w);",
        "    Kernel.check(ran == 1, \"the work has not run yet\");",
        "  }")), Set.of("VIOLATION[t: check failed: the work has not run yet]"));
  }

  @Test
  void afterCancelWorkSyncTheWorkIsNeitherPendingNorRunning() {
    assertKeys(model("Cancelled", String.join("\n",
        "  final Workqueue wq = new Workqueue(\"events\");",
        "  int running;",
        "  final Work w = new Work(wq, \"w\", () -> { running = 1; running = 0; });",
        "  @Task(\"t\") void t() {",
        "    wq.queueWork(w);",
        "    w.cancelWorkSync();",
        "    Kernel.check(running == 0, \"the work still runs after cancel_work_sync\");",
        "  }")), Set.of());
  }

  @Test
  void aWorkFlushingAnotherWorkOfItsOrderedQueueDeadlocks() {
    assertKeys(model("OrderedFlush", String.join("\n",
        "  final Workqueue wq = Workqueue.ordered(\"kacpi_hotplug\");",
        "  final Work second = new Work(wq, \"second\", () -> { });",
        "  final Work first = new Work(wq, \"first\", () -> second.flushWork());",
        "  @Task(\"t\") void t() {",
        "    wq.queueWork(first);",
        "    wq.queueWork(second);",
        "  }")), Set.of("DEADLOCK[kworker/first, kworker/second]"));
  }

  /**
   * Different executions start different dynamic tasks, so the ids of one execution's tasks need
   * not be consecutive; findings must still name the right tasks.
   */
  @Test
  void findingsNameDynamicTasksWhoseIdsAreNotConsecutive() {
    assertKeys(model("SparseIds", String.join("\n",
        "  final Mutex m = new Mutex(\"m\");",
        "  @Task(\"a\") void a() {",
        "    if (Kernel.chooseBoolean()) Kernel.kthreadRun(\"x\", () -> { m.lock(); m.lock(); });",
        "  }",
        "  @Task(\"b\") void b() {",
        "    if (Kernel.chooseBoolean()) Kernel.kthreadRun(\"y\", () -> { });",
        "  }")), Set.of("DEADLOCK[x]"));
  }
}
