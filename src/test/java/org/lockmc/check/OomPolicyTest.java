package org.lockmc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.testing.TestModels;

/**
 * Seed 001's S13 (13/12 v2): KSM_RUN_UNMERGE ({@code echo 2}) holds the victim's mmap_sem for
 * read while it allocates; the OOM-killed victim V reaches __ksm_exit's down_write before it has
 * freed anything. Whether that is a deadlock depends on the OOM killer's policy and on whether
 * another candidate W exists, both @Params of one model: with the 2009 policy (skip a victim whose
 * mm is gone) and a second candidate, the OOM killer kills W instead ("the wrong process"); without
 * a second candidate, or with an OOM killer that keeps waiting for its victim, nobody can proceed.
 */
class OomPolicyTest {
  private static final String S13 = TestModels.header("oom") + String.join("\n",
      "@LockModel(expect = Verdict.VIOLATION)",
      "public class S13 {",
      "  @Param({\"SKIP_TASKS_WITHOUT_MM\", \"WAIT_FOR_VICTIM\"}) String policy;",
      "  @Param({\"0\", \"1\"}) int others;",
      "  final OomKiller oom = new OomKiller(OomKiller.Policy.valueOf(policy));",
      "  final PageAllocator memory = new PageAllocator(\"memory\", 1 + others, oom);",
      "  final RwSemaphore mmapSem = new RwSemaphore(\"&V->mm->mmap_sem\");",
      "  final AtomicCounter mmUsers = new AtomicCounter(\"V->mm->mm_users\", 1);",
      "  final Completion unmerged = new Completion(\"unmerged\");",
      "  @Task(\"echo_2\") void unmerge() {",
      "    mmapSem.downRead();",
      "    if (mmUsers.read() != 0) {",
      "      memory.allocPage(GfpFlags.GFP_HIGHUSER);",
      "    }",
      "    mmapSem.upRead();",
      "    unmerged.completeAll();",
      "  }",
      "  @Task(\"V\") void victim() {",
      "    oom.registerCandidate();",
      "    memory.allocPage(GfpFlags.GFP_HIGHUSER);",
      "    unmerged.waitForCompletionKillable();",
      "    oom.exitMm();",
      "    if (mmUsers.decAndTest()) {",
      "      mmapSem.downWrite();",
      "      mmapSem.upWrite();",
      "    }",
      "    memory.freeAllPages();",
      "  }",
      "  @Task(value = \"W\", instancesParam = \"others\") void innocent() {",
      "    oom.registerCandidate();",
      "    memory.allocPage(GfpFlags.GFP_HIGHUSER);",
      "    unmerged.waitForCompletionKillable();",
      "    memory.freeAllPages();",
      "    Kernel.check(!Kernel.fatalSignalPending(), \"the OOM killer killed W, not the process being unmerged\");",
      "  }",
      "}",
      "");

  @Test
  void theOomKillerPolicyDecidesBetweenAWrongVictimAndADeadlock() {
    List<String> found = new ArrayList<>();
    for (ModelDefinition m : TestModels.compile("oom.S13", S13).combinations()) {
      ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
      found.add(m.name() + " " + r.found() + (r.complete() ? "" : " (incomplete)"));
    }
    assertEquals(List.of(
        "oom.S13[policy=SKIP_TASKS_WITHOUT_MM,others=0] [DEADLOCK]",
        "oom.S13[policy=SKIP_TASKS_WITHOUT_MM,others=1] [VIOLATION]",
        "oom.S13[policy=WAIT_FOR_VICTIM,others=0] [DEADLOCK]",
        "oom.S13[policy=WAIT_FOR_VICTIM,others=1] [HANG, VIOLATION]"), found);
  }
}
