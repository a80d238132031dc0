package org.lockmc.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.lockmc.config.VerdictMapping.JpfKind;

/** JPF's console report, as jpf-core's java-17 branch prints it, read into a verdict. */
class JpfOutputParserTest {
  private static final String RULE = "====================================================== ";
  private static final String STATS = RULE + "statistics\nelapsed time:       00:00:24\n"
      + "states:             new=63412,visited=63650,backtracked=127062,end=5383\n"
      + "search:             maxDepth=67,constraints=0\n";

  private static JpfResult parse(String text) {
    return JpfOutputParser.parse(text, Duration.ofSeconds(1));
  }

  @Test
  void noErrors() {
    JpfResult r = parse("JavaPathfinder core system v8.0\n" + RULE + "search started\n"
        + RULE + "results\nno errors detected\n\n" + STATS + RULE + "search finished\n");
    assertEquals(JpfResult.Status.FINISHED, r.status());
    assertEquals(Set.of(), r.kinds());
    assertEquals(63412, r.states());
    assertEquals("no errors", r.verdict());
  }

  @Test
  void deadlocksAndAnAssertionWithMultipleErrors() {
    JpfResult r = parse(RULE + "error 1\ngov.nasa.jpf.vm.NoUncaughtExceptionsProperty\n"
        + "java.lang.AssertionError: check failed: x was set\n\tat demo.CheckFails.second\n\n"
        + RULE + "error 2\ngov.nasa.jpf.vm.NotDeadlockedProperty\ndeadlock encountered:\n\n"
        + RULE + "results\n"
        + "error #1: gov.nasa.jpf.vm.NoUncaughtExceptionsProperty \"java.lang.AssertionError: ch...\"\n"
        + "error #2: gov.nasa.jpf.vm.NotDeadlockedProperty \"deadlock encountered:   thread j...\"\n"
        + "error #3: gov.nasa.jpf.vm.NotDeadlockedProperty \"deadlock encountered:   thread j...\"\n"
        + "\n" + STATS);
    assertEquals(JpfResult.Status.FINISHED, r.status());
    assertEquals(Set.of(JpfKind.DEADLOCK, JpfKind.EXCEPTION), r.kinds());
    assertEquals("deadlock and uncaught exception", r.verdict());
    assertEquals("java.lang.AssertionError: check failed: x was set", r.detail());
  }

  @Test
  void aJpfFailureWithoutResultsIsAJpfError() {
    JpfResult r = parse(RULE + "search started: 11/21/26, 11:31 AM\n"
        + "java.lang.IllegalAccessError: class gov.nasa.jpf.vm.JPF_java_util_Random cannot access"
        + " class jdk.internal.misc.Unsafe\n\tat gov.nasa.jpf.vm.NativePeer.getInstance\n");
    assertEquals(JpfResult.Status.JPF_ERROR, r.status());
    assertEquals("JPF error", r.verdict());
    assertEquals("java.lang.IllegalAccessError: class gov.nasa.jpf.vm.JPF_java_util_Random cannot"
        + " access class jdk.internal.misc.Unsafe", r.detail());
  }

  @Test
  void aPropertyLockmcDoesNotKnowIsAJpfError() {
    JpfResult r = parse(RULE + "results\nerror #1: gov.nasa.jpf.listener.PreciseRaceDetector"
        + " \"race for field ...\"\n" + STATS);
    assertEquals(JpfResult.Status.JPF_ERROR, r.status());
  }

  @Test
  void aSearchCutByAConstraintIsIncomplete() {
    JpfResult r = parse(RULE + "search constraint\nmemory limit reached\n\n" + RULE
        + "results\nno errors detected\n\n" + RULE + "statistics\n"
        + "states:             new=7359,visited=1,backtracked=2,end=3\n"
        + "search:             maxDepth=90,constraints=1\n");
    assertEquals(JpfResult.Status.CONSTRAINED, r.status());
    assertEquals("incomplete", r.verdict());
    assertEquals("JPF's search was cut: memory limit reached", r.detail());
  }

  @Test
  void theErrorsPrintedBeforeARunWasStoppedAreRead() {
    String cut = RULE + "search started: 11/21/26, 2:18 PM\n"
        + RULE + "error 1\ngov.nasa.jpf.vm.NotDeadlockedProperty\ndeadlock encountered:\n\n"
        + RULE + "error 2\ngov.nasa.jpf.vm.NotDeadlockedProperty\ndeadlock encountered:\n\n"
        + RULE + "error 3\ngov.nasa.jpf.listener.PreciseRaceDetector\nrace for field\n";
    assertEquals(Set.of(JpfKind.DEADLOCK), JpfOutputParser.errorsSoFar(cut));
    assertEquals(Set.of(), JpfOutputParser.errorsSoFar(RULE + "search started\n"));
  }

  @Test
  void severeMessagesAreReported() {
    JpfResult r = parse("[SEVERE] cannot load system class java.lang.Thread$Permit\n");
    assertEquals("[SEVERE] cannot load system class java.lang.Thread$Permit", r.detail());
  }
}
