package org.lockmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lockmc splat} end to end: answers, exit codes, and one-line errors. */
class SplatCommandTest {
  private static final String SPLATS = "src/test/resources/splats/";
  private static final String MODELS = "src/test/resources/lockdep/models/";

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void answersReproducedAndConfirmedWithTheTrace() {
    Run r = run("splat", SPLATS + "seed-002-2016-thp-swapin-abbreviated.txt",
        MODELS + "thp/ThpSwapinBefore.java");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("answer: reproduced, confirmed deadlock\n"), r.out());
    assertTrue(r.out().contains("#1 cpu_hotplug.lock#2        -> cpu_hotplug.lock (version"
        + " suffix ignored)"), r.out());
    assertTrue(r.out().contains("blocked:"), "the counterexample's trace is shown");
    String summary = r.out().lines().filter(l -> l.contains("answer:")).findFirst().orElseThrow();
    assertEquals(1, r.out().lines().filter(l -> l.contains("wait for each other")).count(),
        "the deadlock is named once, after " + summary + ":\n" + r.out());
  }

  @Test
  void answersNotReproducedWithExitZero() {
    Run r = run("splat", SPLATS + "seed-002-2016-thp-swapin-abbreviated.txt",
        MODELS + "thp/ThpSwapinAfter.java");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("answer: not reproduced\n"), r.out());
  }

  @Test
  void printsTheModelsOwnSplatOnRequest() {
    Run r = run("splat", "--lockdep", SPLATS + "lockdep-1.10-E-2012-ksm-hotremove-3.6.txt",
        MODELS + "ksm/KsmHotremove2012.java");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("answer: reproduced, false positive\n"), r.out());
    assertTrue(r.out().contains("lockdep rules applied: pre-5.10"), "the splat's kernel is 3.6");
    assertTrue(r.out().contains("WARNING: possible circular locking dependency detected"));
  }

  @Test
  void aTruncatedSplatIsOneLineAndExitTwo(@TempDir Path dir) throws IOException {
    String text = Files.readString(Path.of(SPLATS + "lockdep-1.10-C-2020-kernfs-5.7.txt"));
    Path cut = dir.resolve("cut.txt");
    Files.writeString(cut, text.substring(0, text.indexOf("-> #1")));
    Run r = run("splat", cut.toString(), MODELS + "thp/ThpSwapinBefore.java");
    assertEquals(2, r.code());
    assertEquals(1, r.err().lines().count(), r.err());
    assertTrue(r.err().startsWith("error: " + cut + ":38: truncated: the dependency chain stops"
        + " at '-> #2'"), r.err());
    assertFalse(r.err().contains("Exception"));
  }

  @Test
  void aMissingSplatFileIsExitTwo() {
    Run r = run("splat", SPLATS + "no-such-file.txt", MODELS + "thp/ThpSwapinBefore.java");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: cannot read splat"), r.err());
    assertTrue(r.err().strip().endsWith("no-such-file.txt: no such file or directory"), r.err());
  }

  @Test
  void aTargetWithSeveralModelsIsExitTwo() {
    Run r = run("splat", SPLATS + "seed-002-2016-thp-swapin-abbreviated.txt", MODELS + "thp");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("names 2 models; name one of"), r.err());
  }
}
