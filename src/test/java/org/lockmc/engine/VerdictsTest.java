package org.lockmc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/** Model behaviour becomes the right verdict, with its trace, under both strategies. */
class VerdictsTest {

  private static ExplorationResult both(String body) {
    String src = TestModels.header("v") + "@LockModel(expect = Verdict.SAFE)\npublic class M {\n"
        + body + "\n}\n";
    ModelDefinition m = TestModels.compile("v.M", src);
    ExplorationResult dpor = TestModels.check(m, StrategyKind.DPOR);
    ExplorationResult all = TestModels.check(m, StrategyKind.EXHAUSTIVE);
    assertEquals(all.findingKeys(), dpor.findingKeys(), "dpor and exhaustive agree");
    return dpor;
  }

  @Test
  void aTaskThatThrowsIsAViolationNamingTheExceptionAndLine() {
    ExplorationResult r = both("@Task void t() { Object o = null; o.hashCode(); }");
    assertEquals(Set.of(Verdict.VIOLATION), r.found());
    Finding f = r.counterexample(Verdict.VIOLATION).finding();
    assertTrue(f.summary().contains("java.lang.NullPointerException"), f.summary());
    assertTrue(f.summary().contains("M.java:6"), f.summary());
  }

  @Test
  void aFailedCheckIsAViolationAndEndsTheTask() {
    ExplorationResult r = both("final Mutex m = new Mutex(\"m\");\n"
        + "@Task void t() { m.lock(); Kernel.check(false, \"invariant broken\"); m.unlock(); }");
    assertEquals(Set.of(Verdict.VIOLATION), r.found());
    assertEquals(Set.of("VIOLATION[t: check failed: invariant broken]"), r.findingKeys());
  }

  @Test
  void anAssertIsAViolation() {
    ExplorationResult r = both("@Task void t() { int x = 1; assert x == 2 : \"x is \" + x; }");
    assertEquals(Set.of("VIOLATION[t: assertion failed: x is 1]"), r.findingKeys());
  }

  @Test
  void unlockingAMutexOneDoesNotHoldIsAViolation() {
    ExplorationResult r = both("final Mutex m = new Mutex(\"m\");\n@Task void t() { m.unlock(); }");
    assertTrue(r.findingKeys().iterator().next().contains("mutex_unlock(m) but the mutex is not locked"));
  }

  @Test
  void aLockHeldWhenTheTaskEndsIsAViolation() {
    ExplorationResult r = both("final Mutex m = new Mutex(\"m\");\n@Task void t() { m.lock(); }");
    assertEquals(Set.of("VIOLATION[t: task ended holding [m] (lock held when returning to user space)]"),
        r.findingKeys());
  }

  @Test
  void sleepingUnderASpinlockIsAViolation() {
    ExplorationResult r = both("final SpinLock s = new SpinLock(\"s\");\nfinal Mutex m = new Mutex(\"m\");\n"
        + "@Task void t() { s.lock(); m.lock(); m.unlock(); s.unlock(); }");
    assertEquals(Set.of("VIOLATION[t: sleeping function called from invalid context: mutex_lock(m)"
        + " while spinlock s held]"), r.findingKeys());
  }

  @Test
  void mightSleepUnderASpinlockIsAViolationEvenThoughNothingSleeps() {
    ExplorationResult r = both("final SpinLock s = new SpinLock(\"s\");\n"
        + "@Task void t() { s.lock(); Kernel.mightSleep(); s.unlock(); }");
    assertEquals(Set.of("VIOLATION[t: sleeping function called from invalid context: might_sleep()"
        + " while spinlock s held]"), r.findingKeys());
  }

  @Test
  void mightSleepInsideAnRcuReadSectionIsAViolation() {
    ExplorationResult r = both("final Rcu rcu = new Rcu();\n"
        + "@Task void t() { rcu.readLock(); Kernel.mightSleep(); rcu.readUnlock(); }");
    assertEquals(Set.of(Verdict.VIOLATION), r.found());
    assertTrue(r.findingKeys().iterator().next().contains("might_sleep()"), r.findingKeys().toString());
  }

  @Test
  void mightSleepOutsideAtomicContextIsFineAndBlocksNothing() {
    ExplorationResult r = both("final Mutex m = new Mutex(\"m\");\n"
        + "@Task void t() { m.lock(); Kernel.mightSleep(); m.unlock(); }\n"
        + "@Task void u() { m.lock(); m.unlock(); }");
    assertEquals(Set.of(), r.found());
    assertTrue(r.complete());
  }

  @Test
  void synchronizeRcuInsideTheReadSectionIsAViolationNotADeadlock() {
    ExplorationResult r = both("final Rcu rcu = new Rcu();\n"
        + "@Task void t() { rcu.readLock(); rcu.synchronize(); rcu.readUnlock(); }");
    assertEquals(Set.of(Verdict.VIOLATION), r.found());
  }

  @Test
  void aMissingWakeUpIsAHang() {
    ExplorationResult r = both("final WaitQueue wq = new WaitQueue(\"wq\");\n"
        + "final BitWord flag = new BitWord(\"flag\");\n"
        + "@Task void waiter() { wq.waitEvent(() -> flag.testBit(0)); }\n"
        + "@Task void waker() { flag.setBit(0); }");
    assertEquals(Set.of(Verdict.HANG), r.found());
    assertEquals(Set.of("HANG[waiter]"), r.findingKeys());
  }

  @Test
  void theSameWithTheWakeUpIsSafe() {
    ExplorationResult r = both("final WaitQueue wq = new WaitQueue(\"wq\");\n"
        + "final BitWord flag = new BitWord(\"flag\");\n"
        + "@Task void waiter() { wq.waitEvent(() -> flag.testBit(0)); }\n"
        + "@Task void waker() { flag.setBit(0); wq.wakeUp(); }");
    assertEquals("SAFE", r.verdict());
  }

  @Test
  void aDeadlockIsReportedAsSoonAsItFormsWhileOthersRun() {
    ExplorationResult r = both("final Mutex a = new Mutex(\"a\");\nfinal Mutex b = new Mutex(\"b\");\n"
        + "final Mutex c = new Mutex(\"c\");\n"
        + "@Task void x() { a.lock(); b.lock(); b.unlock(); a.unlock(); }\n"
        + "@Task void y() { b.lock(); a.lock(); a.unlock(); b.unlock(); }\n"
        + "@Task void z() { c.lock(); c.unlock(); c.lock(); c.unlock(); }");
    assertEquals(Set.of("DEADLOCK[x, y]"), r.findingKeys());
  }

  @Test
  void kthreadStopWhileHoldingWhatTheThreadNeedsDeadlocks() {
    ExplorationResult r = both("final Mutex m = new Mutex(\"ksm_thread_mutex\");\n"
        + "final WaitQueue wq = new WaitQueue(\"ksm_thread_wait\");\n"
        + "@Task void init() {\n"
        + "  Kthread k = Kernel.kthreadRun(\"ksmd\", () -> {\n"
        + "    while (!Kernel.kthreadShouldStop()) {\n"
        + "      m.lock(); m.unlock();\n"
        + "      wq.waitEventInterruptible(() -> Kernel.kthreadShouldStop());\n"
        + "    }\n"
        + "  });\n"
        + "  m.lock(); k.stop(); m.unlock();\n"
        + "}");
    assertEquals(Set.of(Verdict.DEADLOCK), r.found());
    assertEquals(Set.of("DEADLOCK[init, ksmd]"), r.findingKeys());
  }

  @Test
  void kthreadStopWithoutTheLockIsSafe() {
    ExplorationResult r = both("final Mutex m = new Mutex(\"ksm_thread_mutex\");\n"
        + "final WaitQueue wq = new WaitQueue(\"ksm_thread_wait\");\n"
        + "@Task void init() {\n"
        + "  Kthread k = Kernel.kthreadRun(\"ksmd\", () -> {\n"
        + "    while (!Kernel.kthreadShouldStop()) {\n"
        + "      m.lock(); m.unlock();\n"
        + "      wq.waitEventInterruptible(() -> Kernel.kthreadShouldStop());\n"
        + "    }\n"
        + "  });\n"
        + "  m.lock(); m.unlock(); k.stop();\n"
        + "}");
    assertEquals("SAFE", r.verdict());
  }

  @Test
  void everyDataChoiceIsExplored() {
    ExplorationResult r = both("final Mutex a = new Mutex(\"a\");\n"
        + "@Task void t() { if (Kernel.choose(3) == 2) { a.lock(); } }");
    assertEquals(Set.of("VIOLATION[t: task ended holding [a] (lock held when returning to user space)]"),
        r.findingKeys());
  }

  @Test
  void aSpinLoopThatYieldsIsTreatedFairly() {
    ExplorationResult r = both("final BitWord flag = new BitWord(\"flag\");\n"
        + "@Task void spinner() { while (!flag.testBit(0)) Kernel.condResched(); }\n"
        + "@Task void setter() { flag.setBit(0); }");
    assertEquals("SAFE", r.verdict());
    assertTrue(r.complete());
  }

  @Test
  void aLoopThatNeverEndsUnderAFairScheduleIsALivelock() {
    ExplorationResult r = both("final BitWord flag = new BitWord(\"flag\");\n"
        + "final Mutex m = new Mutex(\"m\");\n"
        + "@Task void spinner() { m.lock(); while (!flag.testBit(0)) Kernel.condResched(); m.unlock(); }\n"
        + "@Task void setter() { m.lock(); flag.setBit(0); m.unlock(); }");
    assertTrue(r.found().contains(Verdict.LIVELOCK), r.verdict());
    assertTrue(r.findingKeys().contains("LIVELOCK[spinner]"), r.findingKeys().toString());
    assertFalse(r.findingKeys().contains("LIVELOCK[setter]"));
  }
}
