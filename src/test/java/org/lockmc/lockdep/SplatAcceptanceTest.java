package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.lockmc.check.CheckResult;

/**
 * The "done when" checks of issue 5: each real splat of the seed threads, answered against the
 * library model (models/) of the kernel state it was taken in.
 */
class SplatAcceptanceTest {
  /** Each seed state the issue names, and the model of the library (models/) that encodes it. */
  static final java.util.Map<String, String> SEED_MODELS = java.util.Map.of(
      "seed 002 before PATCH 2/3", "thpswapin.SumVmEventUnderMmapSem",
      "seed 002 after PATCH 2/3", "thpswapin.SumVmEventBeforeMmapSem",
      "seed 000 KSM hot-remove, 2.6.36", "ksmhotremove.KsmThreadMutexAcrossNotifiers",
      "seed 000 KSM hot-remove, 3.6", "ksmhotremove.KsmThreadMutexLockNested",
      "seed 000 KSM hot-remove without the outer mutex",
      "ksmhotremove.KsmThreadMutexWithoutOuterMutex",
      "seed 003 stage 2 (cpu hotplug a percpu rwsem)",
      "memhotplug.HomebrewMemHotplugPercpuCpuHotplug");

  private static SplatReproduction.Result answer(String splatFile, String model,
      LockdepRules rules) {
    ParsedSplat splat = Splats.parse(splatFile);
    CheckResult r = org.lockmc.testing.TestModels.checkAll(
        org.lockmc.testing.TestModels.libraryModel(model),
        org.lockmc.testing.TestModels.config(org.lockmc.engine.StrategyKind.DPOR),
        org.lockmc.check.CheckOptions.DEFAULT.withRules(rules));
    assertTrue(r.exploration().complete(), model + " explored completely");
    return SplatReproduction.check(splat, r.lockdep());
  }

  @Test
  void seed002SplatIsAConfirmedDeadlockBeforeThePatch() {
    SplatReproduction.Result a = answer("seed-002-2016-thp-swapin-abbreviated.txt",
        SEED_MODELS.get("seed 002 before PATCH 2/3"), LockdepRules.V5_10);
    assertEquals(SplatReproduction.Answer.CONFIRMED, a.answer(), a.explanation());
    assertEquals(3, a.edges().size());
    assertNotNull(a.classification().witness());
    assertTrue(a.classification().witness().covers(
        java.util.List.of("s_active", "&mm->mmap_sem", "cpu_hotplug.lock")));
    assertEquals(java.util.List.of("udevadm", "khugepaged", "cpu_down"),
        a.classification().witness().waits().stream().map(w -> w.task()).toList());
  }

  @Test
  void seed002SplatIsNotReproducedAfterThePatch() {
    SplatReproduction.Result a = answer("seed-002-2016-thp-swapin-abbreviated.txt",
        SEED_MODELS.get("seed 002 after PATCH 2/3"), LockdepRules.V5_10);
    assertEquals(SplatReproduction.Answer.NOT_REPRODUCED, a.answer());
    assertEquals("the model never takes cpu_hotplug.lock while holding &mm->mmap_sem (the"
        + " splat's -> #1: get_online_cpus <- sum_vm_event <- collapse_huge_page)",
        a.explanation());
  }

  @Test
  void ksm2010SplatIsAFalsePositiveBecausePmMutexSerialisesBothOrders() {
    SplatReproduction.Result a = answer("appendix-A.1-2010-ksm-hotremove-2.6.36.txt",
        SEED_MODELS.get("seed 000 KSM hot-remove, 2.6.36"), LockdepRules.PRE_5_10);
    assertEquals(SplatReproduction.Answer.FALSE_POSITIVE, a.answer(), a.explanation());
    assertEquals("pm_mutex is held around both orders (at every recording), so they never run"
        + " at the same time", a.explanation());
  }

  @Test
  void ksm2012SplatIsAFalsePositiveBecauseMemHotplugMutexSerialisesBothOrders() {
    SplatReproduction.Result a = answer("lockdep-1.10-E-2012-ksm-hotremove-3.6.txt",
        SEED_MODELS.get("seed 000 KSM hot-remove, 3.6"), LockdepRules.PRE_5_10);
    assertEquals(SplatReproduction.Answer.FALSE_POSITIVE, a.answer(), a.explanation());
    assertTrue(a.explanation().startsWith("mem_hotplug_mutex and pm_mutex are held around both"
        + " orders"), a.explanation());
    assertEquals("ksm_thread_mutex/1", a.mapping().get(1).modelClass().displayName());
  }

  @Test
  void ksmSplatIsAConfirmedDeadlockWithoutTheOuterMutex() {
    SplatReproduction.Result a = answer("lockdep-1.10-E-2012-ksm-hotremove-3.6.txt",
        SEED_MODELS.get("seed 000 KSM hot-remove without the outer mutex"), LockdepRules.PRE_5_10);
    assertEquals(SplatReproduction.Answer.CONFIRMED, a.answer(), a.explanation());
  }

  @Test
  void hotplug2017SplatIsAConfirmedDeadlockOnceCpuHotplugIsAPercpuRwsem() {
    for (String file : new String[] {"appendix-A.2-2017-hotplug-4.12.txt",
        "lockdep-1.10-A-2017-hotplug-4.12.txt"}) {
      SplatReproduction.Result a = answer(file,
          SEED_MODELS.get("seed 003 stage 2 (cpu hotplug a percpu rwsem)"), LockdepRules.PRE_5_10);
      assertEquals(SplatReproduction.Answer.CONFIRMED, a.answer(), a.explanation());
      assertEquals("cpu_hotplug_lock", a.mapping().get(0).modelClass().displayName());
      assertEquals("normalised name", a.mapping().get(0).how());
      assertEquals("mem_hotplug.lock#2", a.mapping().get(1).modelClass().displayName());
      assertEquals("exact", a.mapping().get(1).how());
    }
  }

  @Test
  void aSplatOfAnotherSchemeIsNotReproduced() {
    SplatReproduction.Result a = answer("lockdep-1.10-C-2020-kernfs-5.7.txt",
        SEED_MODELS.get("seed 000 KSM hot-remove, 3.6"), LockdepRules.V5_10);
    assertEquals(SplatReproduction.Answer.NOT_REPRODUCED, a.answer());
    assertTrue(a.explanation().startsWith("the model has no lock class for cpu_hotplug_lock"),
        a.explanation());
  }

  @Test
  void recursiveSplatIsReproducedOnTheLibraryModel() {
    ParsedSplat splat = Splats.parse("lockdep-1.10-B-2017-recursive-percpu.txt");
    CheckResult r = org.lockmc.testing.TestModels.checkAll(
        org.lockmc.testing.TestModels.libraryModel("basics.PercpuRecursiveReadPendingWriter"),
        org.lockmc.testing.TestModels.config(org.lockmc.engine.StrategyKind.DPOR),
        org.lockmc.check.CheckOptions.DEFAULT);
    SplatReproduction.Result a = SplatReproduction.check(splat, r.lockdep());
    assertEquals(SplatReproduction.Answer.CONFIRMED, a.answer(), a.explanation());
  }
}
