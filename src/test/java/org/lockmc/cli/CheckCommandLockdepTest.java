package org.lockmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code lockmc check}'s LOCKDEP column, {@code --lockdep} and {@code --no-lockdep}. */
class CheckCommandLockdepTest {
  private static final String MODEL = "src/test/resources/lockdep/models/ksm/KsmHotremove2012.java";

  /** Runs the CLI; {@code check} prints to standard output, so it is captured here. */
  private static String run(String... args) {
    PrintStream saved = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      int code = Main.run(args, System.out, System.err);
      assertEquals(0, code);
    } finally {
      System.setOut(saved);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theColumnAndOneLinePerReportByDefault() {
    String out = run("check", "--no-color", MODEL);
    assertTrue(out.contains(" LOCKDEP "), out);
    assertTrue(out.contains("CYCLE (false positive)"), out);
    assertTrue(out.contains("  lockdep: circular dependency ksm_thread_mutex/1 ->"
        + " (memory_chain).rwsem -> ksm_thread_mutex/1: false positive: mem_hotplug_mutex and"
        + " pm_mutex are held around both orders"), out);
    assertFalse(out.contains("WARNING:"), "no splat unless asked");
  }

  @Test
  void theSplatsOnRequest() {
    String out = run("check", "--no-color", "--lockdep", MODEL);
    assertTrue(out.contains("    WARNING: possible circular locking dependency detected"), out);
    assertTrue(out.contains("    lockmc: false positive: "), out);
  }

  @Test
  void offOnRequest() {
    String out = run("check", "--no-color", "--no-lockdep", MODEL);
    assertTrue(out.contains(" off "), out);
    assertFalse(out.contains("lockdep:"), out);
  }
}
