package org.lockmc.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.TraceEntry;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/**
 * {@code NotifierChain(name, registeredAtBoot...)}: callbacks linked before any task runs (as an
 * {@code __init} function's {@code hotplug_memory_notifier()} during {@code SYSTEM_BOOTING}) are
 * called by {@code call()} under the chain's read lock, in the given order, and cost no
 * operation of their own.
 */
class NotifierChainBootTest {
  static String model(String chain) {
    return TestModels.header("boot")
        + "@LockModel(expect = Verdict.VIOLATION)\n"
        + "public class M {\n"
        + "  final Mutex inner = new Mutex(\"ksm_thread_mutex\");\n"
        + "  final NotifierChain chain = " + chain + ";\n"
        + "  String calls = \"\";\n"
        + "  int first(long action) { calls += \"1\"; return NotifierChain.NOTIFY_OK; }\n"
        + "  int second(long action) { inner.lock(); inner.unlock(); calls += \"2\";\n"
        + "    return NotifierChain.NOTIFY_OK; }\n"
        + "  @Task(\"memory_offline\") void offline() {\n"
        + "    chain.call(2);\n"
        + "    Kernel.check(false, \"calls=\" + calls);\n"
        + "  }\n"
        + "}\n";
  }

  static List<String> ops(Counterexample cx) {
    return cx.trace().stream().map(TraceEntry::op).toList();
  }

  static Counterexample run(String chain) {
    ExplorationResult r = TestModels.check(TestModels.compile("boot.M", model(chain)),
        StrategyKind.DPOR);
    assertEquals(Set.of(Verdict.VIOLATION), r.found());
    assertEquals(1, r.executions());
    return r.counterexample(Verdict.VIOLATION);
  }

  @Test
  void bootCallbacksRunInOrderUnderTheReadLock() {
    Counterexample cx = run("new NotifierChain(\"memory_chain\", this::first, this::second)");
    assertTrue(cx.finding().key().contains("calls=12"), cx.finding().key());
    assertEquals(List.of("rcu_access_pointer(memory_chain.head)", "down_read((memory_chain).rwsem)",
        "READ calls", "WRITE calls", "mutex_lock(ksm_thread_mutex)",
        "mutex_unlock(ksm_thread_mutex)", "READ calls", "WRITE calls",
        "up_read((memory_chain).rwsem)", "READ calls"), ops(cx));
  }

  @Test
  void anEmptyChainTakesNoLockAndCallsNothing() {
    Counterexample cx = run("new NotifierChain(\"memory_chain\")");
    assertTrue(cx.finding().key().contains("calls=]"), cx.finding().key());
    assertEquals(List.of("rcu_access_pointer(memory_chain.head)", "READ calls"), ops(cx));
  }
}
