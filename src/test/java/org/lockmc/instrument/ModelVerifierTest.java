package org.lockmc.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lockmc.engine.ModelError;
import org.lockmc.testing.TestModels;

/**
 * One test per rejected construct: each pins the whole one-line message (class, method, source
 * line, construct, fix), raised when the model is loaded, before any exploration.
 */
class ModelVerifierTest {

  /** Loads a model whose task body is {@code body} (line 6 of the file) plus {@code members}. */
  private static String rejection(String members, String body) {
    String source = "package bad;\n" // 1
        + "import org.lockmc.kernel.*;\n" // 2
        + "import org.lockmc.model.*;\n" // 3
        + "@LockModel(expect = Verdict.SAFE) public class M {\n" // 4
        + "  @Task void t() throws Exception {\n" // 5
        + "    " + body + "\n" // 6
        + "  }\n" // 7
        + members + "\n" // 8
        + "}\n";
    return assertThrows(ModelError.class, () -> TestModels.compile("bad.M", source)).getMessage();
  }

  @Test
  void synchronizedBlock() {
    assertEquals("bad.M.t (M.java:6): uses 'synchronized'; models synchronise only through"
        + " org.lockmc.kernel primitives (use a Mutex or SpinLock)",
        rejection("", "synchronized (this) { }"));
  }

  @Test
  void synchronizedMethod() {
    assertEquals("bad.M.helper (M.java:8): uses 'synchronized'; models synchronise only through"
        + " org.lockmc.kernel primitives (use a Mutex or SpinLock)",
        rejection("  synchronized void helper() { }", ""));
  }

  @Test
  void objectWait() {
    assertEquals("bad.M.t (M.java:6): calls Object.wait(); a model waits and wakes only through"
        + " org.lockmc.kernel primitives (use a WaitQueue's waitEvent/wakeUp or a Completion)",
        rejection("", "wait();"));
  }

  @Test
  void objectNotify() {
    assertEquals("bad.M.t (M.java:6): calls Object.notifyAll(); a model waits and wakes only"
        + " through org.lockmc.kernel primitives (use a WaitQueue's waitEvent/wakeUp or a"
        + " Completion)", rejection("", "notifyAll();"));
  }

  @Test
  void concurrentLock() {
    assertEquals("bad.M.t (M.java:6): uses java.util.concurrent.locks.ReentrantLock; models lock"
        + " only through org.lockmc.kernel primitives (use a Mutex, RwSemaphore or SpinLock)",
        rejection("", "new java.util.concurrent.locks.ReentrantLock().lock();"));
  }

  @Test
  void atomics() {
    assertEquals("bad.M.t (M.java:6): uses java.util.concurrent.atomic.AtomicInteger; every"
        + " access to a plain field is already an atomic scheduling point (use a plain field, or"
        + " an AtomicCounter for atomic_t and refcounts)",
        rejection("", "new java.util.concurrent.atomic.AtomicInteger().incrementAndGet();"));
  }

  @Test
  void otherConcurrencyUtilities() {
    assertEquals("bad.M.t (M.java:6): uses java.util.concurrent.CountDownLatch; a model waits"
        + " only through org.lockmc.kernel primitives (use a Completion or a WaitQueue)",
        rejection("", "new java.util.concurrent.CountDownLatch(1).await();"));
  }

  @Test
  void threads() {
    assertEquals("bad.M.t (M.java:6): uses java.lang.Thread; a model's tasks are its @Task"
        + " methods and the kernel threads they start (use Kernel.kthreadRun, or a Workqueue)",
        rejection("", "new Thread(() -> { }).start();"));
  }

  @Test
  void threadSleep() {
    assertEquals("bad.M.t (M.java:6): calls Thread.sleep(); time does not pass in a model,"
        + " sleeping is a scheduling point (use Kernel.scheduleTimeout or Kernel.condResched)",
        rejection("", "Thread.sleep(10);"));
  }

  @Test
  void systemExit() {
    assertEquals("bad.M.t (M.java:6): calls System.exit(); a model reports failures as verdicts"
        + " (use Kernel.check, or throw an exception)", rejection("", "System.exit(1);"));
  }

  @Test
  void reflection() {
    assertEquals("bad.M.t (M.java:6): uses reflection (Class.getDeclaredField()); models may not"
        + " reach into lockmc's internals or other objects reflectively (use the"
        + " org.lockmc.kernel API)",
        rejection("", "Mutex.class.getDeclaredField(\"state\");"));
  }

  @Test
  void lockmcInternals() {
    assertEquals("bad.M.t (M.java:6): uses org.lockmc.runtime.ModelRuntime, a lockmc internal;"
        + " models use only the org.lockmc.kernel primitives and the org.lockmc.model"
        + " annotations", rejection("", "org.lockmc.runtime.ModelRuntime.currentOrNull();"));
  }

  @Test
  void nondeterminism() {
    assertEquals("bad.M.t (M.java:6): uses java.util.Random; lockmc replays schedules, so a model"
        + " must be deterministic (use Kernel.choose(n) for a choice: every value is explored)",
        rejection("", "new java.util.Random().nextInt();"));
  }

  @Test
  void mutableStaticState() {
    assertEquals("bad.M.ksmRun (M.java): is a mutable static field; lockmc makes a fresh model"
        + " instance for every execution, but a static field keeps its value from one execution"
        + " to the next (make it an instance field)", rejection("  static int ksmRun;", ""));
  }

  @Test
  void staticPrimitiveHandles() {
    assertEquals("bad.M.lock (M.java): is a static org.lockmc.kernel.Mutex; lockmc makes a fresh"
        + " model instance for every execution, but the object a static field refers to is"
        + " shared by all of them (make it an instance field)",
        rejection("  static final Mutex lock = new Mutex(\"l\");", ""));
  }

  @Test
  void constructsInLambdasNameTheirEnclosingMethod() {
    assertEquals("bad.M.t (lambda) (M.java:6): uses 'synchronized'; models synchronise only"
        + " through org.lockmc.kernel primitives (use a Mutex or SpinLock)",
        rejection("", "Runnable r = () -> { synchronized (this) { } };"));
  }

  @Test
  void constantsAndEnumsMayBeStatic() {
    TestModels.compile("ok.M", "package ok;\nimport org.lockmc.kernel.*;\n"
        + "import org.lockmc.model.*;\n@LockModel(expect = Verdict.SAFE) public class M {\n"
        + "  enum Run { STOP, MERGE }\n  static final int KSM_RUN_MERGE = 1;\n"
        + "  static final String NAME = \"ksmd\";\n  static final Run DEFAULT = Run.MERGE;\n"
        + "  @Task void t() { assert DEFAULT == Run.MERGE; }\n}\n");
  }
}
