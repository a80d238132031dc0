package org.lockmc.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Small models, compiled by the tests, for what the library's models do not exercise under JPF:
 * a violation, a data choice, a hang, a kernel thread. The JVM harness runs them, and the JPF
 * comparison holds JPF to lockmc's verdicts on them.
 */
public final class ExtraModels {
  private ExtraModels() {}

  private static final String HEAD = "package jpfextra;\n"
      + "import org.lockmc.kernel.*;\nimport org.lockmc.model.*;\n";

  /** The sources, by binary class name. */
  public static Map<String, String> sources() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("jpfextra.CheckFailsOnOneChoice", HEAD
        + "@LockModel(expect = Verdict.VIOLATION)\n"
        + "public class CheckFailsOnOneChoice {\n"
        + "  @Task(\"t\") void t() { Kernel.check(Kernel.choose(3) != 2, \"the third choice\"); }\n"
        + "}\n");
    m.put("jpfextra.UnlockByNonOwner", HEAD
        + "@LockModel(expect = Verdict.VIOLATION)\n"
        + "public class UnlockByNonOwner {\n"
        + "  final Mutex m = new Mutex(\"m\");\n"
        + "  @Task(\"owner\") void owner() { m.lock(); m.unlock(); }\n"
        + "  @Task(\"other\") void other() { if (m.trylock()) { m.unlock(); } else { m.unlock(); } }\n"
        + "}\n");
    m.put("jpfextra.CompletionSometimesMissing", HEAD
        + "@LockModel(expect = Verdict.HANG)\n"
        + "public class CompletionSometimesMissing {\n"
        + "  final Completion done = new Completion(\"done\");\n"
        + "  @Task(\"waiter\") void waiter() { done.waitForCompletion(); }\n"
        + "  @Task(\"worker\") void worker() { if (Kernel.chooseBoolean()) { done.complete(); } }\n"
        + "}\n");
    m.put("jpfextra.KthreadStopUnderItsMutex", HEAD
        + "@LockModel(expect = Verdict.DEADLOCK)\n"
        + "public class KthreadStopUnderItsMutex {\n"
        + "  final Mutex m = new Mutex(\"ksm_thread_mutex\");\n"
        + "  @Task(\"stopper\") void stopper() {\n"
        + "    Kthread k = Kernel.kthreadRun(\"ksmd\", () -> {\n"
        + "      while (!Kernel.kthreadShouldStop()) { m.lock(); m.unlock(); Kernel.condResched(); }\n"
        + "    });\n"
        + "    m.lock(); k.stop(); m.unlock();\n"
        + "  }\n"
        + "}\n");
    return m;
  }
}
