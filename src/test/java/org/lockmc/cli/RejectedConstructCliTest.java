package org.lockmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A rejected construct stops {@code lockmc check} before exploring: one line, exit code 2. */
class RejectedConstructCliTest {

  @Test
  void synchronizedInAModelIsAUsageErrorOnOneLine() throws Exception {
    Path dir = Files.createTempDirectory("lockmc-cli");
    Path model = dir.resolve("S1Before.java");
    Files.writeString(model, String.join("\n",
        "package ksm2009;",
        "import org.lockmc.kernel.*;",
        "import org.lockmc.model.*;",
        "@LockModel(expect = Verdict.SAFE)",
        "public class S1Before {",
        "  int ksmRun = 1;",
        "  @Task(\"ksmd\") void ksmd() {",
        "    synchronized (this) { ksmRun = 0; }",
        "  }",
        "}", ""));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new String[] {"check", model.toString()},
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(Main.USAGE, code);
    assertEquals("error: ksm2009.S1Before.ksmd (S1Before.java:8): uses 'synchronized'; models"
        + " synchronise only through org.lockmc.kernel primitives (use a Mutex or SpinLock)\n",
        err.toString(StandardCharsets.UTF_8));
  }
}
