package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.lockmc.engine.ModelError;

/** A malformed or truncated splat gets one message naming the file and the line. */
class SplatParserErrorsTest {
  private static final String MODERN = Splats.text("lockdep-1.10-C-2020-kernfs-5.7.txt");

  private static String error(String text) {
    return assertThrows(ModelError.class, () -> SplatParser.parse(text, "s.txt")).getMessage();
  }

  /** The first {@code n} lines of the modern splat. */
  private static String head(int n) {
    String[] lines = MODERN.split("\n");
    return String.join("\n", java.util.Arrays.copyOf(lines, n)) + "\n";
  }

  @Test
  void noReportAtAll() {
    assertEquals("s.txt: no lockdep report found: expected a line such as 'WARNING: possible"
        + " circular locking dependency detected' or '<task>/<pid> is trying to acquire lock:'",
        error("BUG: unable to handle page fault\nOops: 0000 [#1]\n"));
  }

  @Test
  void truncatedAfterTheTitle() {
    assertEquals("s.txt:4: truncated: the text ends where '<task>/<pid> is trying to acquire"
        + " lock:' should follow", error(head(4)));
  }

  @Test
  void truncatedInTheLockLines() {
    assertEquals("s.txt:8: truncated: the text ends where a lock line for the lock already held"
        + " should follow", error(head(8)));
  }

  @Test
  void truncatedBeforeTheChain() {
    assertEquals("s.txt:11: truncated: the text ends before the dependency chain ('the existing"
        + " dependency chain (in reverse order) is:')", error(head(13)));
  }

  @Test
  void truncatedInTheChain() {
    // line 30 is '-> #2 (slab_mutex)', line 31 its first frame
    assertEquals("s.txt:31: truncated: the dependency chain stops at '-> #2' (line 30) and the"
        + " text ends; '-> #0', the lock being acquired, is missing", error(head(31)));
  }

  @Test
  void truncatedInTheScenarioTable() {
    // line 77 is CPU1's second row; CPU0's second row (line 78) is cut off
    assertEquals("s.txt:77: truncated: the text ends inside the unsafe-scenario table (1 and 2"
        + " rows for CPU0 and CPU1, two each expected); paste the whole report", error(head(77)));
  }

  @Test
  void aReportThatEndsRightAfterAWholeScenarioTableIsRead() {
    ParsedSplat s = SplatParser.parse(head(78), "s.txt");
    assertEquals(4, s.scenario().size());
  }

  @Test
  void anUnreadableLockLine() {
    String bad = MODERN.replace("ffffffff89917890 (cpu_hotplug_lock){++++}-{0:0}, at:",
        "ffffffff89917890 cpu_hotplug_lock, at:");
    assertEquals("s.txt:6: cannot read the lock being acquired: 'ffffffff89917890"
        + " cpu_hotplug_lock, at: kmem_cache_shrink+0x12/0x40'", error(bad));
  }

  @Test
  void aMissingChainEntry() {
    String bad = MODERN.replace("-> #1 (mem_hotplug_lock)", "-> #7 (mem_hotplug_lock)");
    assertEquals("s.txt:40: expected '-> #1' in the dependency chain, found '-> #7'", error(bad));
  }

  @Test
  void aChainEntryOfAnotherReport() {
    String bad = MODERN.replace("-> #0 (cpu_hotplug_lock)", "-> #0 (slab_mutex)");
    assertEquals("s.txt:50: '-> #0' names slab_mutex but the task is acquiring cpu_hotplug_lock"
        + " (line 6): the entries do not belong to this report", error(bad));
  }

  @Test
  void anUnreadableChainEntry() {
    String bad = MODERN.replace("-> #2 (slab_mutex){+.+.}-{3:3}:", "-> #2 slab_mutex");
    assertEquals("s.txt:30: cannot read this dependency chain entry: '-> #2 slab_mutex'",
        error(bad));
  }

  @Test
  void anUnreadableScenarioLine() {
    String bad = MODERN.replace("  lock(kn->count#86);\n                               lock(slab",
        "  lokc kn->count#86\n                               lock(slab");
    assertEquals("s.txt:75: cannot read this line of the unsafe-scenario table: 'lokc"
        + " kn->count#86'", error(bad));
  }

  @Test
  void anotherKindOfReport() {
    assertEquals("s.txt:2: 'WARNING: inconsistent lock state' is not a circular or recursive"
        + " locking report; lockmc splat reads those two",
        error("================================\nWARNING: inconsistent lock state\n"));
  }
}
