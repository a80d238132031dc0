package org.lockmc.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.kernel.Kernel;
import org.lockmc.kernel.Kthread;
import org.lockmc.kernel.Mutex;
import org.lockmc.kernel.PercpuRwSemaphore;
import org.lockmc.kernel.RwSemaphore;
import org.lockmc.kernel.WaitQueue;
import org.lockmc.model.Verdict;

/**
 * The JVM harness gives real threads lockmc's kernel semantics. Scenarios that need one
 * particular interleaving order their threads with latches and {@link
 * MonitorWorld#awaitBlocked}, so each test sees exactly the schedule it describes.
 */
class MonitorWorldTest {
  private static final long WAIT_MS = 30_000;

  /** Runs {@code bodies} (name, body, name, body...) as tasks of one plain-JVM run. */
  private static JvmOutcome run(MonitorWorld world, Object... namesAndBodies)
      throws InterruptedException {
    List<JvmTaskRuntime> tasks = new ArrayList<>();
    for (int i = 0; i < namesAndBodies.length; i += 2) {
      tasks.add(world.newTask((String) namesAndBodies[i], (Runnable) namesAndBodies[i + 1]));
    }
    world.startAll(tasks);
    return world.awaitOutcome(WAIT_MS);
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(WAIT_MS, java.util.concurrent.TimeUnit.MILLISECONDS), "latch");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void awaitBlocked(MonitorWorld world, String task) {
    try {
      assertTrue(world.awaitBlocked(task, WAIT_MS), task + " never blocked");
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** read; a writer queues; read again: the second read waits behind the writer. */
  private static JvmOutcome readWriteRead(Semantics semantics) throws InterruptedException {
    MonitorWorld world = new MonitorWorld(semantics, false, null);
    RwSemaphore sem = new RwSemaphore("sem");
    CountDownLatch readerHolds = new CountDownLatch(1);
    return run(world,
        "reader", (Runnable) () -> {
          sem.downRead();
          readerHolds.countDown();
          awaitBlocked(world, "writer");
          sem.downRead();
          sem.upRead();
          sem.upRead();
        },
        "writer", (Runnable) () -> {
          await(readerHolds);
          sem.downWrite();
          sem.upWrite();
        });
  }

  @Test
  void aQueuedWriterBlocksANewReaderOnTheJvm() throws InterruptedException {
    JvmOutcome o = readWriteRead(Semantics.KERNEL);
    assertEquals(List.of(Verdict.DEADLOCK), o.seen());
    assertEquals(List.of(
        "reader: down_read(sem) [queued] -- rwsem sem: writer writer queued ahead (read-held by"
            + " reader); holds sem (read)",
        "writer: down_write(sem) [queued] -- rwsem sem held for read by reader"), o.blocked());
  }

  @Test
  void withoutTheRuleTheSameScheduleCompletes() throws InterruptedException {
    JvmOutcome o = readWriteRead(new Semantics(false));
    assertTrue(o.clean(), o.render("readWriteRead"));
  }

  @Test
  void aRecursiveReadBehindAPendingPercpuWriterStalls() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    PercpuRwSemaphore cpus = new PercpuRwSemaphore("cpu_hotplug_lock");
    CountDownLatch readerHolds = new CountDownLatch(1);
    JvmOutcome o = run(world,
        "memory_offline", (Runnable) () -> {
          cpus.downRead();
          readerHolds.countDown();
          awaitBlocked(world, "cpu_down");
          cpus.downRead();
          cpus.upRead();
          cpus.upRead();
        },
        "cpu_down", (Runnable) () -> {
          await(readerHolds);
          cpus.downWrite();
          cpus.upWrite();
        });
    assertEquals(List.of(Verdict.DEADLOCK), o.seen());
    assertEquals(2, o.blocked().size());
    assertTrue(o.blocked().get(0).startsWith("memory_offline: percpu_down_read(cpu_hotplug_lock)"
        + " -- percpu rwsem cpu_hotplug_lock write pending by cpu_down"), o.blocked().get(0));
    assertTrue(o.blocked().get(1).startsWith("cpu_down: percpu_down_write(cpu_hotplug_lock)"
        + " [waiting for readers]"), o.blocked().get(1));
  }

  @Test
  void anAbbaStallIsDetectedAndReportedWithEachWait() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    Mutex a = new Mutex("a");
    Mutex b = new Mutex("b");
    CountDownLatch both = new CountDownLatch(2);
    JvmOutcome o = run(world,
        "A", (Runnable) () -> {
          a.lock();
          both.countDown();
          await(both);
          b.lock();
        },
        "B", (Runnable) () -> {
          b.lock();
          both.countDown();
          await(both);
          a.lock();
        });
    assertEquals(List.of(Verdict.DEADLOCK), o.seen());
    assertEquals(List.of("A: mutex_lock(b) -- mutex b held by B; holds a",
        "B: mutex_lock(a) -- mutex a held by A; holds b"), o.blocked());
    assertTrue(o.render("abba").startsWith("abba: DEADLOCK seen once on the JVM\n"));
  }

  @Test
  void aLostWakeUpIsAHang() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    WaitQueue wq = new WaitQueue("wq");
    JvmOutcome o = run(world, "waiter", (Runnable) () -> wq.waitEvent(() -> false));
    assertEquals(List.of(Verdict.HANG), o.seen());
    assertEquals(1, o.blocked().size());
    assertTrue(o.blocked().get(0).startsWith("waiter: schedule() [on wq] -- sleeping on wait queue wq"),
        o.blocked().get(0));
  }

  @Test
  void aFailedCheckIsAnAssertionErrorThatEndsTheTask() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    Mutex m = new Mutex("m");
    List<Throwable> thrown = new ArrayList<>();
    JvmOutcome o = run(world, "t", (Runnable) () -> {
      m.lock();
      try {
        Kernel.check(false, "flag must be set");
      } catch (AssertionError e) {
        thrown.add(e);
        throw e;
      }
    });
    assertEquals(1, thrown.size());
    assertEquals("check failed: flag must be set", thrown.get(0).getMessage());
    // the task ended there, keeping its lock, as BUG() would: no second violation for the lock
    assertEquals(List.of("t: check failed: flag must be set"), o.violations());
    assertEquals(List.of(Verdict.VIOLATION), o.seen());
  }

  @Test
  void tasksBlockedBehindAViolationAreItsConsequenceNotAHang() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    Mutex m = new Mutex("m");
    CountDownLatch locked = new CountDownLatch(1);
    JvmOutcome o = run(world,
        "bug", (Runnable) () -> {
          m.lock();
          locked.countDown();
          Kernel.check(false, "BUG_ON");
        },
        "waiter", (Runnable) () -> {
          await(locked);
          m.lock();
        });
    assertEquals(List.of(Verdict.VIOLATION), o.seen());
    assertEquals(1, o.blocked().size(), o.render("behind"));
    assertTrue(o.render("behind").contains("  blocked behind the violation"), o.render("behind"));
  }

  @Test
  void aMisuseEndsTheTaskWithAnAssertionError() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    Mutex m = new Mutex("m");
    List<String> after = new ArrayList<>();
    JvmOutcome o = run(world, "t", (Runnable) () -> {
      m.unlock();
      after.add("continued");
    });
    assertEquals(List.of("t: mutex_unlock(m) but the mutex is not locked"), o.violations());
    assertEquals(List.of(), after);
  }

  @Test
  void aLockHeldAtExitIsAViolation() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    Mutex m = new Mutex("m");
    JvmOutcome o = run(world, "t", (Runnable) m::lock);
    assertEquals(List.of("t: task ended holding [m] (lock held when returning to user space)"),
        o.violations());
  }

  @Test
  void anExceptionIsAViolationNamingIt() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    JvmOutcome o = run(world, "t", (Runnable) () -> {
      throw new IllegalStateException("boom");
    });
    assertEquals(1, o.violations().size());
    assertTrue(o.violations().get(0).startsWith("t: exception java.lang.IllegalStateException: boom"),
        o.violations().get(0));
  }

  @Test
  void sleepingUnderASpinlockIsAViolation() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    org.lockmc.kernel.SpinLock s = new org.lockmc.kernel.SpinLock("s");
    Mutex m = new Mutex("m");
    JvmOutcome o = run(world, "t", (Runnable) () -> {
      s.lock();
      m.lock();
    });
    assertEquals(1, o.violations().size());
    assertTrue(o.violations().get(0).startsWith(
        "t: sleeping function called from invalid context: mutex_lock(m)"), o.violations().get(0));
  }

  @Test
  void aKthreadRunsOnItsOwnThreadAndStops() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    JvmOutcome o = run(world, "parent", (Runnable) () -> {
      Kthread k = Kernel.kthreadRun("ksmd", () -> {
        while (!Kernel.kthreadShouldStop()) {
          Kernel.condResched();
        }
      });
      k.stop();
    });
    assertTrue(o.clean(), o.render("kthread"));
    assertEquals(List.of("parent", "ksmd"), o.tasks());
  }

  @Test
  void aTaskStillRunningWhenTheTimeIsUpIsReported() throws InterruptedException {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, false, null);
    CountDownLatch release = new CountDownLatch(1);
    JvmTaskRuntime spinner = world.newTask("spinner", () -> {
      while (release.getCount() > 0) {
        Kernel.condResched();
      }
    });
    world.startAll(List.of(spinner));
    JvmOutcome o = world.awaitOutcome(50);
    release.countDown();
    assertEquals(List.of("spinner"), o.unfinished());
    assertTrue(o.render("spin").contains("spin: tasks [spinner] still running when the time was"
        + " up"), o.render("spin"));
  }

  @Test
  void underJpfAFailurePropagatesOutOfTheTaskThread() {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, true, null);
    JvmTaskRuntime t = world.newTask("t", () -> Kernel.check(false, "x"));
    AssertionError e = assertThrows(AssertionError.class, t::run);
    assertEquals("check failed: x", e.getMessage());
  }

  @Test
  void underJpfALockHeldAtExitPropagatesToo() {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, true, null);
    Mutex m = new Mutex("m");
    JvmTaskRuntime t = world.newTask("t", m::lock);
    AssertionError e = assertThrows(AssertionError.class, t::run);
    assertEquals("task ended holding [m] (lock held when returning to user space)", e.getMessage());
  }
}
