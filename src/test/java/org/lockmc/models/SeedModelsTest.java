package org.lockmc.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.check.CheckOptions;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.Finding;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.lockdep.Classification;
import org.lockmc.lockdep.LockdepReport;
import org.lockmc.lockdep.LockdepRules;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/**
 * The models of seeds 000, 002, 003 and 004 ({@code models/ksmhotremove}, {@code thpswapin},
 * {@code memhotplug}, {@code mmunotifier}): every verdict equals its expectation under DPOR and,
 * where it finishes, under exhaustive exploration; each before/after pair differs where the
 * thread says it does; and the verdicts come from the kernel rule or the patch's step that each
 * model's javadoc names: switching the rule off, or deleting the step from the model's source,
 * flips the verdict.
 */
class SeedModelsTest {
  static final List<String> PACKAGES =
      List.of("ksmhotremove", "thpswapin", "memhotplug", "mmunotifier");

  /**
   * Models whose exhaustive exploration does not finish within the test's 2,000,000 executions (a
   * couple of minutes), with the reason; their DPOR explorations are complete. models/README.md
   * lists them too. Every other model is explored exhaustively, the largest in about 700,000
   * executions ({@code KsmThreadMutexLockNested}).
   */
  static final Map<String, String> EXHAUSTIVE_DOES_NOT_FINISH = Map.of(
      "ksmhotremove.KsmRunOfflineFlag",
      "three tasks of 10 to 30 steps (two notifier calls, bit waits)",
      "ksmhotremove.KsmRunOfflineFlagNoWakeUp",
      "as KsmRunOfflineFlag",
      "ksmhotremove.KsmThreadMutexWithoutOuterMutex",
      "four tasks, two of them running two notifier calls each",
      "memhotplug.HomebrewCpuAndMemHotplug",
      "three tasks running two home-brewed locks, each a mutex, a refcount and a writer loop",
      "memhotplug.HomebrewMemHotplugPercpuCpuHotplug",
      "three tasks, the home-brewed memory lock and stop_machine's global steps",
      "mmunotifier.ReleaseVsUnregisterSrcu",
      "three tasks of up to 12 steps on one spinlock, one SRCU domain and four shared fields");

  static List<ModelDefinition> library() {
    List<ModelDefinition> all = new ArrayList<>();
    for (String p : PACKAGES) {
      all.addAll(TestModels.library(p));
    }
    return all;
  }

  static Stream<ModelDefinition> models() {
    return library().stream();
  }

  static Stream<ModelDefinition> exhaustiveModels() {
    return library().stream().filter(m -> !EXHAUSTIVE_DOES_NOT_FINISH.containsKey(m.name()));
  }

  static ExplorationResult check(String name) {
    return TestModels.check(TestModels.libraryModel(name), StrategyKind.DPOR);
  }

  static ExplorationResult checkWithout(String name, Semantics semantics) {
    return TestModels.check(TestModels.libraryModel(name),
        TestModels.config(StrategyKind.DPOR).withSemantics(semantics));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void verdictEqualsExpectationUnderDpor(ModelDefinition m) {
    ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
    assertTrue(r.complete(), m.name() + ": DPOR exploration incomplete (" + r.bound() + ")");
    assertTrue(r.asExpected(), m.name() + ": " + r.verdict() + " but expected " + m.expect());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("exhaustiveModels")
  void verdictEqualsExpectationUnderExhaustive(ModelDefinition m) {
    ExplorationResult r = TestModels.check(m, StrategyKind.EXHAUSTIVE);
    assertTrue(r.complete(), m.name() + ": exhaustive exploration incomplete (" + r.bound()
        + "); add it to EXHAUSTIVE_DOES_NOT_FINISH with the reason");
    assertTrue(r.asExpected(), m.name() + ": " + r.verdict() + " but expected " + m.expect());
  }

  @Test
  void everyPackageHasModelsAndEveryModelStatesLockdepAndCitesItsSource() {
    Map<String, Long> perPackage = new TreeMap<>(library().stream()
        .collect(Collectors.groupingBy(m -> m.name().substring(0, m.name().indexOf('.')),
            Collectors.counting())));
    assertEquals(Set.copyOf(PACKAGES), perPackage.keySet());
    for (ModelDefinition m : library()) {
      assertNotEquals(Lockdep.UNSPECIFIED, m.lockdep(), m.name() + " states no lockdep verdict");
      assertTrue(m.source().matches(".*(\\d{3}_[0-9a-f]{16}\\.txt:L\\d+|scenario report).*"),
          m.name() + " cites no seed lines: " + m.source());
    }
    Set<String> names = library().stream().map(ModelDefinition::name).collect(Collectors.toSet());
    assertTrue(names.containsAll(EXHAUSTIVE_DOES_NOT_FINISH.keySet()),
        "EXHAUSTIVE_DOES_NOT_FINISH names a model that does not exist");
  }

  /** Before and after (or rejected and accepted): the thread's verdicts, side by side. */
  static Stream<Arguments> pairs() {
    return Stream.of(
        Arguments.of("ksmhotremove.KsmThreadMutexLockNested",
            "ksmhotremove.KsmThreadMutexWithoutOuterMutex", Verdict.SAFE, Verdict.DEADLOCK),
        Arguments.of("ksmhotremove.KsmThreadMutexAcrossNotifiers",
            "ksmhotremove.KsmThreadMutexLockNested", Verdict.SAFE, Verdict.SAFE),
        Arguments.of("ksmhotremove.KsmRunOfflineFlag",
            "ksmhotremove.KsmRunOfflineFlagNoWakeUp", Verdict.SAFE, Verdict.HANG),
        Arguments.of("ksmhotremove.KsmRunOfflineFlag",
            "ksmhotremove.KsmOfflineWithoutLockout", Verdict.SAFE, Verdict.VIOLATION),
        Arguments.of("thpswapin.SumVmEventUnderMmapSem",
            "thpswapin.SumVmEventBeforeMmapSem", Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("thpswapin.SwapinUnderMmapSemWrite",
            "thpswapin.SwapinUpgradeAsPosted", Verdict.SAFE, Verdict.VIOLATION),
        Arguments.of("thpswapin.SwapinUpgradeFindVmaOnly",
            "thpswapin.SwapinFullRevalidation", Verdict.VIOLATION, Verdict.SAFE),
        Arguments.of("memhotplug.HomebrewCpuAndMemHotplug",
            "memhotplug.HomebrewMemHotplugPercpuCpuHotplug", Verdict.SAFE, Verdict.DEADLOCK),
        Arguments.of("memhotplug.HomebrewMemHotplugPercpuCpuHotplug",
            "memhotplug.PercpuRwsemPatchedOrder", Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("memhotplug.StopMachineUnderMemHotplugBegin",
            "memhotplug.PercpuRwsemPatchedOrder", Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("memhotplug.LruAddDrainAllUnderMemHotplugBegin",
            "memhotplug.LruAddDrainAllCpuslocked", Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("mmunotifier.MmLockUnsorted", "mmunotifier.MmLockSorted",
            Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("mmunotifier.MmLockDuplicatesNotSkipped", "mmunotifier.MmLockSorted",
            Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("mmunotifier.MmLockVsVmaAdjust", "mmunotifier.MmTakeAllLocks",
            Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("mmunotifier.RegisterWithoutMmLock", "mmunotifier.RegisterUnderMmLock",
            Verdict.VIOLATION, Verdict.SAFE),
        Arguments.of("mmunotifier.UnregisterFromRelease", "mmunotifier.ReleaseVsUnregisterSrcu",
            Verdict.DEADLOCK, Verdict.SAFE),
        Arguments.of("mmunotifier.TryToUnmapFileUpWrite", "mmunotifier.TryToUnmapFileUpRead",
            Verdict.VIOLATION, Verdict.SAFE),
        Arguments.of("mmunotifier.CopyPageRangeEnomemUnbalanced",
            "mmunotifier.CopyPageRangeEnomemBalanced", Verdict.LIVELOCK, Verdict.SAFE),
        Arguments.of("mmunotifier.AnonVmaLockWithoutRcu",
            "mmunotifier.AnonVmaRefcountUnderRcu", Verdict.VIOLATION, Verdict.SAFE),
        Arguments.of("mmunotifier.AnonVmaRwsemUnderRcu",
            "mmunotifier.AnonVmaRefcountUnderRcu", Verdict.VIOLATION, Verdict.SAFE));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("pairs")
  void pairVerdicts(String before, String after, Verdict beforeVerdict, Verdict afterVerdict) {
    assertEquals(expected(beforeVerdict), check(before).found(), before);
    assertEquals(expected(afterVerdict), check(after).found(), after);
  }

  private static Set<Verdict> expected(Verdict v) {
    return v == Verdict.SAFE ? Set.of() : Set.of(v);
  }

  /** The cycle each deadlock model is about, as the tasks that wait in it. */
  static Stream<Arguments> deadlocks() {
    return Stream.of(
        Arguments.of("ksmhotremove.KsmThreadMutexWithoutOuterMutex",
            "DEADLOCK[memory_offline/0, memory_offline/1, modprobe]"),
        Arguments.of("thpswapin.SumVmEventUnderMmapSem",
            "DEADLOCK[udevadm, khugepaged, cpu_down]"),
        Arguments.of("memhotplug.HomebrewMemHotplugPercpuCpuHotplug",
            "DEADLOCK[memory_online, kmem_cache_create, cpu_down]"),
        Arguments.of("memhotplug.StopMachineUnderMemHotplugBegin",
            "DEADLOCK[memory_online, cpu_down]"),
        Arguments.of("memhotplug.LruAddDrainAllUnderMemHotplugBegin",
            "DEADLOCK[memory_offline, cpu_down]"),
        Arguments.of("memhotplug.GetOnlineMemsInsideMemHotplugBegin",
            "DEADLOCK[memory_offline]"),
        Arguments.of("mmunotifier.MmLockUnsorted", "DEADLOCK[kvm, gru]"),
        Arguments.of("mmunotifier.MmLockDuplicatesNotSkipped", "DEADLOCK[kvm]"),
        Arguments.of("mmunotifier.MmLockVsVmaAdjust", "DEADLOCK[kvm, mprotect]"),
        Arguments.of("mmunotifier.UnregisterFromRelease", "DEADLOCK[exit_mmap]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("deadlocks")
  void deadlockIsTheCycleTheThreadDescribes(String model, String key) {
    Set<String> keys = check(model).findingKeys();
    assertTrue(keys.contains(key), model + ": " + keys);
  }

  /**
   * 004-F: after kswapd's {@code up_write} of its read hold, the file's writer (holding its
   * {@code mmap_sem}), that process's page fault and direct reclaim all end blocked: "all tasks
   * allocating memory in D state" (004:L416).
   */
  @Test
  void upWriteOfAReadHoldBlocksEveryoneBehindIt() {
    ExplorationResult r = check("mmunotifier.TryToUnmapFileUpWrite");
    Counterexample cx = r.counterexample(Verdict.VIOLATION);
    assertTrue(cx.finding().key().startsWith("VIOLATION[kswapd: up_write(&mapping->i_mmap_sem)"),
        cx.finding().key());
    assertEquals(List.of("mmap", "page_fault", "direct_reclaim"),
        cx.finalWaits().stream().map(Finding.Wait::task).toList());
  }

  /**
   * Rule (a), "a queued or pending writer blocks new readers", is what closes these cycles: with
   * it switched off the same models are SAFE.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("writerPreferenceModels")
  void queuedWriterBlockingNewReadersMakesTheDeadlock(String model) {
    assertEquals(Set.of(Verdict.DEADLOCK), check(model).found(), model);
    assertEquals(Set.of(), checkWithout(model, new Semantics(false)).found(), model);
  }

  static Stream<String> writerPreferenceModels() {
    return Stream.of("ksmhotremove.KsmThreadMutexWithoutOuterMutex",
        "memhotplug.HomebrewMemHotplugPercpuCpuHotplug",
        "memhotplug.StopMachineUnderMemHotplugBegin",
        "memhotplug.LruAddDrainAllUnderMemHotplugBegin");
  }

  /**
   * 003-B, the coverage gap of the home-brewed construct: lockdep before 5.10 stored no dependency
   * from a held recursive reader ({@code lock_map_acquire_read}), so the reader's {@code
   * mem_hotplug.lock -> driver_mutex} was never recorded and the deadlock went unreported; the
   * 5.10 rules record it and report the cycle, which the exploration confirms.
   */
  @Test
  void preFiveTenLockdepCannotSeeTheDeadlockBehindARecursiveReader() {
    ModelDefinition m = TestModels.libraryModel("memhotplug.HomebrewReaderHidesDependency");
    LockdepReport now = TestModels.checkAll(m, TestModels.config(StrategyKind.DPOR),
        CheckOptions.DEFAULT).lockdep();
    assertEquals(Lockdep.CYCLE, now.verdict());
    assertEquals(1, now.circular().size());
    assertEquals(Classification.Kind.CONFIRMED,
        now.circular().get(0).classification().kind());
    assertEquals(List.of(), now.invisible());

    LockdepReport old = TestModels.checkAll(m, TestModels.config(StrategyKind.DPOR),
        CheckOptions.DEFAULT.withRules(LockdepRules.PRE_5_10)).lockdep();
    assertEquals(Lockdep.NO_CYCLE, old.verdict());
    assertEquals(List.of(), old.circular());
    assertEquals(1, old.invisible().size(), old.text());
    assertTrue(old.invisible().get(0).witness().key().startsWith("DEADLOCK[driver, memory_offline"),
        old.invisible().get(0).witness().key());
  }

  /** The 002-A deadlock waits on held locks only: it does not depend on rule (a). */
  @Test
  void sumVmEventDeadlockNeedsNoWriterPreference() {
    assertEquals(Set.of(Verdict.DEADLOCK),
        checkWithout("thpswapin.SumVmEventUnderMmapSem", new Semantics(false)).found());
  }

  /** Deleting the step a model's javadoc names, from its own source, flips its verdict. */
  static Stream<Arguments> steps() {
    return Stream.of(
        Arguments.of("ksmhotremove.KsmRunOfflineFlag",
            "ksmRun.wakeUpBit(KSM_RUN_OFFLINE_BIT);", Set.of(Verdict.HANG)),
        Arguments.of("ksmhotremove.KsmRunOfflineFlag",
            "waitWhileOfflining();", Set.of(Verdict.VIOLATION)),
        Arguments.of("thpswapin.SwapinFullRevalidation",
            "vma = revalidate();", Set.of(Verdict.VIOLATION)),
        Arguments.of("memhotplug.PercpuRwsemPatchedOrder",
            "cpus.cpusReadLock(); // mem_hotplug_begin",
            Set.of(Verdict.VIOLATION)),
        Arguments.of("mmunotifier.ReleaseVsUnregisterSrcu",
            "mmnSrcu.synchronize(); // synchronize_srcu(): waits for ->release",
            Set.of(Verdict.VIOLATION)),
        Arguments.of("mmunotifier.ReleaseVsUnregisterSrcu",
            "hashed = false; // hlist_del_rcu(&mn->hlist);",
            Set.of(Verdict.VIOLATION)),
        Arguments.of("mmunotifier.RegisterUnderMmLock",
            "iMmapLock.lock(); // ... spin_lock() every i_mmap_lock",
            Set.of(Verdict.VIOLATION)),
        Arguments.of("mmunotifier.CopyPageRangeEnomemBalanced",
            "invalidateRangeEnd(); // mmu_notifier_invalidate_range_end(",
            Set.of(Verdict.VIOLATION, Verdict.LIVELOCK)),
        Arguments.of("mmunotifier.AnonVmaRefcountUnderRcu",
            "rcu.synchronize();         //   kmem_cache_free(", Set.of(Verdict.VIOLATION)));
  }

  @ParameterizedTest(name = "{0} without: {1}")
  @MethodSource("steps")
  void removingTheStepFlipsTheVerdict(String model, String step, Set<Verdict> without)
      throws IOException {
    assertEquals(Set.of(), check(model).found(), model + " with the step");
    ExplorationResult r = TestModels.check(withoutStep(model, step), StrategyKind.DPOR);
    assertTrue(r.complete());
    assertEquals(without, r.found(), model + " without " + step);
  }

  /**
   * 003-A: the patch's own change is the order in {@code mem_hotplug_begin()}. Taking {@code
   * mem_hotplug_lock} before {@code cpu_hotplug_lock} in memory online, the two lines swapped and
   * nothing else, brings back the three-task cycle of the 2017 splat.
   */
  @Test
  void swappingTheLockOrderOfMemHotplugBeginBringsBackTheDeadlock() throws IOException {
    String model = "memhotplug.PercpuRwsemPatchedOrder";
    assertEquals(Set.of(), check(model).found(), model);
    ExplorationResult r = TestModels.check(withLinesSwapped(model,
        "cpus.cpusReadLock(); // mem_hotplug_begin", "memHotplugLock.downWrite();"),
        StrategyKind.DPOR);
    assertTrue(r.complete());
    assertEquals(Set.of(Verdict.DEADLOCK), r.found());
    assertTrue(r.findingKeys().contains("DEADLOCK[memory_online, kmem_cache_create, cpu_down]"),
        r.findingKeys().toString());
  }

  /** The model compiled from its library source with the two lines that start so exchanged. */
  static ModelDefinition withLinesSwapped(String model, String first, String second)
      throws IOException {
    List<String> lines = source(model);
    int a = lineOf(model, lines, first);
    int b = lineOf(model, lines, second);
    String l = lines.get(a);
    lines.set(a, lines.get(b));
    lines.set(b, l);
    return TestModels.compile(model, String.join("\n", lines) + "\n");
  }

  private static List<String> source(String model) throws IOException {
    String pkg = model.substring(0, model.indexOf('.'));
    String cls = model.substring(model.indexOf('.') + 1);
    return new ArrayList<>(Files.readAllLines(Path.of("models", pkg, cls + ".java")));
  }

  /** The index of the one line of {@code lines} that starts with {@code step}. */
  private static int lineOf(String model, List<String> lines, String step) {
    List<Integer> at = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (collapse(lines.get(i)).startsWith(collapse(step))) {
        at.add(i);
      }
    }
    assertEquals(1, at.size(), model + ": the step '" + step + "' must be on exactly one line");
    return at.get(0);
  }

  /**
   * The model compiled from its library source without the one line that starts with {@code step}
   * (compared with runs of spaces collapsed, so that comment alignment does not matter), and, when
   * that line acquires a lock ({@code x.lock();}, {@code x.cpusReadLock();}), without the first
   * release of that lock after it: the same code minus the step.
   */
  static ModelDefinition withoutStep(String model, String step) throws IOException {
    List<String> lines = source(model);
    int i = lineOf(model, lines, step);
    String line = lines.remove(i).strip();
    for (String[] pair : new String[][] {{".lock();", ".unlock();"},
        {".cpusReadLock();", ".cpusReadUnlock();"}}) {
      int dot = line.indexOf(pair[0]);
      if (dot > 0 && line.indexOf('(') == dot + pair[0].indexOf('(')) {
        String release = line.substring(0, dot) + pair[1];
        int r = i;
        while (r < lines.size() && !lines.get(r).strip().startsWith(release)) {
          r++;
        }
        assertTrue(r < lines.size(), model + ": no " + release + " after " + line);
        lines.remove(r);
      }
    }
    return TestModels.compile(model, String.join("\n", lines) + "\n");
  }

  private static String collapse(String s) {
    return s.strip().replaceAll("\\s+", " ");
  }
}
