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
 * {@code stop_machine()}'s callback runs while no other task runs ("a very heavy write lock"), in
 * atomic context, and only once no other task is in atomic context; its {@code _cpuslocked}
 * variant needs {@code cpus_read_lock()}. Checked under both strategies.
 */
class StopMachineTest {

  private static ModelDefinition model(String name, String body) {
    return TestModels.compile("stop." + name, TestModels.header("stop")
        + "@LockModel(expect = Verdict.SAFE) public class " + name + " {\n"
        + "  final CpuHotplug cpus = new CpuHotplug(2);\n" + body + "\n}\n");
  }

  private static void assertKeys(ModelDefinition m, Set<String> keys) {
    for (StrategyKind s : new StrategyKind[] {StrategyKind.DPOR, StrategyKind.EXHAUSTIVE}) {
      ExplorationResult r = TestModels.check(m, s);
      assertTrue(r.complete(), m.name() + " " + s);
      assertEquals(keys, r.findingKeys(), m.name() + " under " + s);
    }
  }

  /**
   * A reader with preemption disabled (here inside rcu_read_lock) never sees the middle of a
   * stop_machine callback: the callback waits for it, and it cannot start during the callback.
   */
  @Test
  void anAtomicReaderNeverSeesTheMiddleOfAStopMachineCallback() {
    assertKeys(model("Zonelists", zonelists("cpus.stopMachine(() -> { first = 1; second = 1; });")),
        Set.of());
  }

  @Test
  void theSameUpdateWithoutStopMachineIsRacy() {
    assertKeys(model("ZonelistsRacy", zonelists("first = 1; second = 1;")),
        Set.of("VIOLATION[page_alloc: check failed: saw a half-built zonelist]"));
  }

  private static String zonelists(String update) {
    return String.join("\n",
        "  final Rcu rcu = new Rcu();",
        "  int first;",
        "  int second;",
        "  @Task(\"online_pages\") void build() { " + update + " }",
        "  @Task(\"page_alloc\") void read() {",
        "    rcu.readLock();",
        "    int a = first;",
        "    int b = second;",
        "    rcu.readUnlock();",
        "    Kernel.check(a == b, \"saw a half-built zonelist\");",
        "  }");
  }

  @Test
  void theCallbackMustNotSleep() {
    assertKeys(model("SleepingCallback", String.join("\n",
        "  final Mutex zonelistsMutex = new Mutex(\"zonelists_mutex\");",
        "  @Task(\"online_pages\") void build() {",
        "    cpus.stopMachine(() -> { zonelistsMutex.lock(); zonelistsMutex.unlock(); });",
        "  }")), Set.of("VIOLATION[online_pages: sleeping function called from invalid context:"
            + " mutex_lock(zonelists_mutex) while inside stop_machine(): fn runs with interrupts"
            + " disabled on every cpu]"));
  }

  @Test
  void stopMachineWaitsForTasksInAtomicContext() {
    assertKeys(model("SpinningCpu", String.join("\n",
        "  final SpinLock zoneLock = new SpinLock(\"zone->lock\");",
        "  int pages;",
        "  @Task(\"online_pages\") void build() {",
        "    cpus.stopMachine(() -> { zoneLock.lock(); pages = 2; zoneLock.unlock(); });",
        "  }",
        "  @Task(\"free_pages\") void free() { zoneLock.lock(); pages = 1; zoneLock.unlock(); }")),
        Set.of());
  }

  @Test
  void theCpuslockedVariantAssertsTheHotplugLockIsHeld() {
    assertKeys(model("Unlocked", String.join("\n",
        "  @Task(\"online_pages\") void build() { cpus.stopMachineCpusLocked(() -> { }); }")),
        Set.of("VIOLATION[online_pages: lockdep_assert_cpus_held(): online_pages does not hold"
            + " cpu_hotplug_lock (call cpus_read_lock() first, or use the variant without"
            + " _cpuslocked)]"));
  }
}
