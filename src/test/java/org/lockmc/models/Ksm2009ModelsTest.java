package org.lockmc.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.lockmc.check.Checker;
import org.lockmc.engine.ExecutionListener;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.sync.MemoryState;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.engine.sync.Step;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.model.Verdict;
import org.lockmc.testing.TestModels;

/**
 * The seed-001 model library ({@code models/ksm2009}, the 2009 KSM thread): every model's verdict
 * under DPOR and exhaustive exploration, and, for each scenario, that the step its javadoc names
 * (the patch's own change, or the kernel rule) is what makes the verdict: undoing that one step in
 * the model's source flips it.
 */
class Ksm2009ModelsTest {
  private static final Set<Verdict> SAFE = EnumSet.of(Verdict.SAFE);

  /** Every model of the package and the verdict the thread (or the model's javadoc) gives it. */
  private static final Map<String, Set<Verdict>> LIBRARY = new TreeMap<>(Map.ofEntries(
      Map.entry("KsmRunReadOutsideMutex", EnumSet.of(Verdict.VIOLATION)), //  S1 before 5/12
      Map.entry("KsmRunCheckedUnderMutex", SAFE), //                          S1 after 5/12
      Map.entry("BreakKsmLoopsOnOom", EnumSet.of(Verdict.LIVELOCK)), //       S6 before 7/12
      Map.entry("BreakKsmReturnsOnOom", SAFE), //                             S6 after 7/12
      Map.entry("UnmergeWalksMmListUnlocked", EnumSet.of(Verdict.VIOLATION)), // S7 before 7/12
      Map.entry("UnmergeWalksMmListLocked", SAFE), //                         S7 after 7/12
      Map.entry("KsmExitTakesThreadMutex", EnumSet.of(Verdict.DEADLOCK)), //  S9 before 9/12
      Map.entry("KsmExitBarrierAfterFreeing", SAFE), //                       S9, S10 after 9/12
      Map.entry("ExitMunlockFaultLoops", EnumSet.of(Verdict.LIVELOCK)), //    S11 after 9/12
      Map.entry("ExitMunlockFaultCompletes", SAFE), //                        S11 after 13/12 v2
      Map.entry("ExitDownReadDoesNotExcludeKsm", EnumSet.of(Verdict.VIOLATION)), // S12 13/12 v1
      Map.entry("ExitDownWriteExcludesKsm", SAFE), //                         S12 13/12 v2
      Map.entry("KsmExitBarrierBeforeFreeing", EnumSet.of(Verdict.DEADLOCK)), // S13 v2, alone
      Map.entry("KsmExitBarrierKillsBystander", SAFE), //                     S13 v2, bystander
      Map.entry("KsmExitBarrierOomWaitsForVictim", EnumSet.of(Verdict.HANG)))); // S13, policy

  /**
   * Models whose exhaustive exploration does not finish within a couple of minutes, and why. DPOR
   * covers them (and is tested against exhaustive exploration elsewhere).
   */
  static final Map<String, String> EXHAUSTIVE_DOES_NOT_FINISH = Map.of(
      "KsmExitBarrierKillsBystander", "three tasks contending for memory, up to two OOM kills"
          + " and two pause() sleeps: 7.2 million schedules in 5 minutes, unfinished",
      "KsmExitBarrierOomWaitsForVictim", "the same three tasks as KsmExitBarrierKillsBystander:"
          + " 7.1 million schedules in 5 minutes, unfinished");

  @Test
  void theLibraryHasEveryScenarioWithItsVerdictAndSource() {
    List<ModelDefinition> models = TestModels.library("ksm2009");
    Map<String, Set<Verdict>> found = new TreeMap<>();
    Pattern lines = Pattern.compile("L(\\d+)(?:-L(\\d+))?");
    for (ModelDefinition m : models) {
      found.put(simpleName(m), m.expect());
      assertTrue(m.source().startsWith("001_803000348cbfa086.txt:L"), m.name() + ": " + m.source());
      Matcher l = lines.matcher(m.source());
      while (l.find()) {
        int from = Integer.parseInt(l.group(1));
        int to = l.group(2) == null ? from : Integer.parseInt(l.group(2));
        assertTrue(from <= to && to <= 9285,
            m.name() + " cites " + l.group() + " of a 9285-line seed");
      }
    }
    assertEquals(LIBRARY, found);
    assertTrue(found.keySet().containsAll(EXHAUSTIVE_DOES_NOT_FINISH.keySet()));
  }

  /** DPOR results of the library models, computed once for the tests that read them. */
  private static final Map<String, ExplorationResult> DPOR_RESULTS = new TreeMap<>();

  private static synchronized ExplorationResult libraryDpor(String model) {
    return DPOR_RESULTS.computeIfAbsent(model,
        name -> dpor(TestModels.libraryModel("ksm2009." + name)));
  }

  @Test
  void everyVerdictIsAsExpectedUnderDpor() {
    List<String> wrong = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("ksm2009")) {
      ExplorationResult r = libraryDpor(simpleName(m));
      if (!r.asExpected() || !r.complete()) {
        wrong.add(m.name() + ": " + r.verdict() + " after " + r.executions() + " executions");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void everyVerdictIsAsExpectedUnderExhaustiveExplorationWhereItFinishes() {
    List<String> wrong = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("ksm2009")) {
      if (EXHAUSTIVE_DOES_NOT_FINISH.containsKey(simpleName(m))) {
        continue;
      }
      ExplorationResult r = TestModels.check(m, StrategyKind.EXHAUSTIVE);
      if (!r.asExpected() || !r.complete()) {
        wrong.add(m.name() + ": " + r.verdict() + " after " + r.executions() + " executions");
      }
    }
    assertEquals(List.of(), wrong);
  }

  /**
   * Before and after each patch: the pairs the thread argues about, each "after" model being the
   * "before" one with the patch applied (or, for S13, with one condition of the scene changed).
   */
  @Test
  void eachPatchFlipsTheVerdict() {
    String[][] pairs = {
        {"KsmRunReadOutsideMutex", "KsmRunCheckedUnderMutex"}, //        5/12
        {"BreakKsmLoopsOnOom", "BreakKsmReturnsOnOom"}, //                7/12
        {"UnmergeWalksMmListUnlocked", "UnmergeWalksMmListLocked"}, //    7/12
        {"KsmExitTakesThreadMutex", "KsmExitBarrierAfterFreeing"}, //     9/12
        {"ExitMunlockFaultLoops", "ExitMunlockFaultCompletes"}, //        13/12 v2
        {"ExitDownReadDoesNotExcludeKsm", "ExitDownWriteExcludesKsm"}, // 13/12 v1 -> v2
        {"KsmExitBarrierBeforeFreeing", "KsmExitBarrierAfterFreeing"}, // v2 -> 9/12's placement
        {"KsmExitBarrierBeforeFreeing", "KsmExitBarrierKillsBystander"}, // a second candidate
        {"KsmExitBarrierOomWaitsForVictim", "KsmExitBarrierKillsBystander"}, // OOM policy
    };
    for (String[] p : pairs) {
      Set<Verdict> before = libraryDpor(p[0]).found();
      Set<Verdict> after = libraryDpor(p[1]).found();
      assertEquals(LIBRARY.get(p[0]), before, p[0]);
      assertFalse(before.isEmpty(), p[0] + " should show the bug");
      assertEquals(Set.of(), after, p[1] + " should be SAFE");
    }
  }

  // ---- S1: 5/12 -----------------------------------------------------------------------------

  @Test
  void s1TestingKsmRunBeforeTakingTheMutexLetsKsmdScanAfterStop() {
    assertEquals(EnumSet.of(Verdict.VIOLATION), found(mutate("KsmRunCheckedUnderMutex",
        "      ksmThreadMutex.lock(); //                        mutex_lock(&ksm_thread_mutex);\n"
            + "      if (ksmdShouldRun()) { //                        if (ksmd_should_run())\n"
            + "        ksmDoScan(); //                                    ksm_do_scan(ksm_thread_pages_to_scan);\n"
            + "      }\n"
            + "      ksmThreadMutex.unlock(); //                      mutex_unlock(&ksm_thread_mutex);\n",
        "      if (ksmdShouldRun()) {\n"
            + "        ksmThreadMutex.lock();\n"
            + "        ksmDoScan();\n"
            + "        ksmThreadMutex.unlock();\n"
            + "      }\n")));
  }

  // ---- S6: 7/12 -----------------------------------------------------------------------------

  @Test
  void s6WithoutVmFaultOomInTheLoopConditionBreakKsmLoopsForever() {
    assertEquals(EnumSet.of(Verdict.LIVELOCK), found(mutate("BreakKsmReturnsOnOom",
        "(VM_FAULT_WRITE | VM_FAULT_SIGBUS | VM_FAULT_OOM)) == 0)",
        "(VM_FAULT_WRITE | VM_FAULT_SIGBUS)) == 0)")));
  }

  @Test
  void s6ClearingVmMergeableOnErrorLeavesAKsmPageInTheArea() {
    assertEquals(EnumSet.of(Verdict.VIOLATION), found(mutate("BreakKsmReturnsOnOom",
        "if (err == 0) {", "if (err == 0 || err != 0) {")));
  }

  // ---- S7: 7/12 -----------------------------------------------------------------------------

  @Test
  void s7ReadingTheLinkWithoutKsmMmlistLockSeesAHalfLinkedList() {
    assertEquals(EnumSet.of(Verdict.VIOLATION), found(mutate("UnmergeWalksMmListLocked",
        "    ksmMmlistLock.lock(); //                              spin_lock(&ksm_mmlist_lock);\n"
            + "    int n = next[slot];", "    int n = next[slot];",
        "    }\n    ksmMmlistLock.unlock(); //                            spin_unlock(&ksm_mmlist_lock);\n"
            + "    return n;", "    }\n    return n;")));
  }

  // ---- S9, S10: 9/12 ------------------------------------------------------------------------

  @Test
  void s9AVictimThatFreesItsMemoryBeforeTakingKsmThreadMutexDoesNotDeadlock() {
    assertEquals(Set.of(), found(moveLineBefore("KsmExitTakesThreadMutex",
        "memory.freeAllPages();", "ksm_exit() -> __ksm_exit(): mutex_lock")));
  }

  @Test
  void s9And13TheBarrierBeforeThePagesAreFreedDeadlocksOnMmapSem() {
    assertEquals(EnumSet.of(Verdict.DEADLOCK), found(moveLineBefore("KsmExitBarrierAfterFreeing",
        "memory.freeAllPages();", "pte = PGTABLE_FREED;")));
  }

  @Test
  void s10WithoutTheKsmTestExitInDoAnonymousPageKsmReinstatesAZappedPte() {
    ExplorationResult r = dpor(mutate("KsmExitBarrierAfterFreeing",
        "if (pte != ZAPPED || ksmTestExit()) {", "if (pte != ZAPPED) {"));
    assertEquals(EnumSet.of(Verdict.VIOLATION), r.found());
    assertTrue(r.findingKeys().toString().contains("after exit_mmap's final zap"), r.findingKeys()
        .toString());
  }

  // ---- S11: 13/12 v2 ------------------------------------------------------------------------

  @Test
  void s11PuttingBackTheFaultHandlersMmUsersCheckMakesExitLoopForever() {
    assertEquals(EnumSet.of(Verdict.LIVELOCK), found(mutate("ExitMunlockFaultCompletes",
        "if (pte == orig) {", "if (pte == orig && mmUsers.read() != 0) {")));
  }

  // ---- S12: 13/12 v1 and v2 -----------------------------------------------------------------

  @Test
  void s12DownWriteInsteadOfV1sDownReadExcludesKsm() {
    assertEquals(Set.of(), found(mutate("ExitDownReadDoesNotExcludeKsm",
        "mmapSem.downRead(); //                              down_read(&mm->mmap_sem);   (v1)",
        "mmapSem.downWrite();",
        "mmapSem.upRead(); //                                up_read(&mm->mmap_sem);     (v1)",
        "mmapSem.upWrite();")));
  }

  @Test
  void s12V1IsSafeAgainWithTheMemoryCCheckItRemoved() {
    assertEquals(Set.of(), found(mutate("ExitDownReadDoesNotExcludeKsm",
        "if (pte == ZAPPED) {", "if (pte == ZAPPED && mmUsers.read() != 0) {")));
  }

  @Test
  void s12V2sBarrierInReadModeNoLongerExcludesKsm() {
    assertEquals(EnumSet.of(Verdict.VIOLATION), found(mutate("ExitDownWriteExcludesKsm",
        "mmapSem.downWrite();", "mmapSem.downRead();",
        "mmapSem.upWrite();", "mmapSem.upRead();")));
  }

  // ---- S13: 13/12 v2 under memory pressure --------------------------------------------------

  @Test
  void s13FreeingThePagesBeforeTheBarrierEndsTheDeadlock() {
    assertEquals(Set.of(), found(moveLineBefore("KsmExitBarrierBeforeFreeing",
        "memory.freeAllPages();", "mmapSem.downWrite();")));
  }

  @Test
  void s13AnOomKillerThatWaitsForItsVictimHangsInsteadOfKillingTheBystander() {
    assertEquals(EnumSet.of(Verdict.HANG), found(mutate("KsmExitBarrierKillsBystander",
        "OomKiller.Policy.SKIP_TASKS_WITHOUT_MM", "OomKiller.Policy.WAIT_FOR_VICTIM")));
    assertEquals(Set.of(), found(mutate("KsmExitBarrierOomWaitsForVictim",
        "OomKiller.Policy.WAIT_FOR_VICTIM", "OomKiller.Policy.SKIP_TASKS_WITHOUT_MM")));
  }

  /**
   * "it cannot proceed without the OOM killer killing the wrong process" [T L7735-L7737]: in
   * every execution in which ksmd's allocation killed the victim, ksmd also killed the bystander
   * (before or after it: a victim that has dropped its mm is skipped before it has freed its
   * memory), and the order Hugh describes, the victim first and then the bystander, happens.
   */
  @Test
  void s13WheneverKsmdKillsTheVictimItAlsoKillsTheBystander() {
    ModelDefinition m = TestModels.libraryModel("ksm2009.KsmExitBarrierKillsBystander");
    List<List<String>> executions = new ArrayList<>();
    ExplorerConfig config = TestModels.config(StrategyKind.DPOR);
    ExplorationResult r = Checker.explorer(m, config, Checker.strategy(config))
        .listener(new OomKills(executions)).explore();
    assertTrue(r.complete() && r.found().isEmpty(), r.verdict());
    boolean hughsStory = false;
    for (List<String> kills : executions) {
      if (kills.contains("ksmd kills victim")) {
        assertTrue(kills.contains("ksmd kills bystander"), kills.toString());
      }
      hughsStory |= kills.equals(List.of("ksmd kills victim", "ksmd kills bystander"));
    }
    assertTrue(hughsStory, "no execution in which ksmd kills the victim, then the bystander");
  }

  /** Records, per execution, who killed whom, in order ("ksmd kills victim"). */
  private static final class OomKills implements ExecutionListener {
    private final List<List<String>> executions;
    private final Map<TaskState, Boolean> killed = new LinkedHashMap<>();
    private List<String> current;

    OomKills(List<List<String>> executions) {
      this.executions = executions;
    }

    @Override
    public void executionStarted() {
      current = new ArrayList<>();
      killed.clear();
      executions.add(current);
    }

    @Override
    public void performed(TaskState task, Op op, Step step) {
      if (op instanceof MemoryState.MemOp mem && mem.kind() == MemoryState.Kind.OOM_KILL
          && mem.victim().fatalSignalPending() && killed.put(mem.victim(), true) == null) {
        current.add(task.name() + " kills " + mem.victim().name());
      }
    }
  }

  // ---- rule (a) of rw_semaphore -------------------------------------------------------------

  /**
   * No verdict of this thread depends on a queued writer blocking new readers: KSM never takes
   * an {@code mmap_sem} it already holds, and the exit path's only writer is the last user of the
   * mm (reference, section 4.1). Switching the rule off changes nothing.
   */
  @Test
  void noVerdictDependsOnAQueuedWriterBlockingNewReaders() {
    ExplorerConfig noRuleA =
        TestModels.config(StrategyKind.DPOR).withSemantics(new Semantics(false));
    List<String> changed = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("ksm2009")) {
      ExplorationResult r = TestModels.check(m, noRuleA);
      if (!r.asExpected()) {
        changed.add(m.name() + ": " + r.verdict());
      }
    }
    assertEquals(List.of(), changed);
  }

  // ---- helpers ------------------------------------------------------------------------------

  private static String simpleName(ModelDefinition m) {
    return m.name().substring(m.name().lastIndexOf('.') + 1);
  }

  private static ExplorationResult dpor(ModelDefinition m) {
    return TestModels.check(m, StrategyKind.DPOR);
  }

  private static Set<Verdict> found(ModelDefinition m) {
    ExplorationResult r = dpor(m);
    assertTrue(r.complete(), m.name() + ": " + r.verdict());
    return r.found();
  }

  private static String source(String model) {
    try {
      return Files.readString(Path.of("models", "ksm2009", model + ".java"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The library model with each {@code from} (which must occur exactly once) replaced. */
  private static ModelDefinition mutate(String model, String... fromTo) {
    String src = source(model);
    for (int i = 0; i < fromTo.length; i += 2) {
      int at = src.indexOf(fromTo[i]);
      assertTrue(at >= 0 && src.indexOf(fromTo[i], at + 1) < 0,
          model + " must contain exactly once: " + fromTo[i]);
      src = src.substring(0, at) + fromTo[i + 1] + src.substring(at + fromTo[i].length());
    }
    return TestModels.compile("ksm2009." + model, src);
  }

  /**
   * The library model with the one line containing {@code line} moved to just before the one line
   * containing {@code before}.
   */
  private static ModelDefinition moveLineBefore(String model, String line, String before) {
    List<String> lines = new ArrayList<>(source(model).lines().toList());
    int from = onlyLine(model, lines, line);
    String moved = lines.remove(from);
    lines.add(onlyLine(model, lines, before), moved);
    return TestModels.compile("ksm2009." + model, String.join("\n", lines) + "\n");
  }

  private static int onlyLine(String model, List<String> lines, String fragment) {
    int found = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains(fragment)) {
        assertEquals(-1, found, model + " has more than one line containing " + fragment);
        found = i;
      }
    }
    assertTrue(found >= 0, model + " has no line containing " + fragment);
    return found;
  }
}
