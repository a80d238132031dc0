package org.lockmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockmc.config.JpfConfigs;
import org.lockmc.jpf.JpfInstallation;

/** {@code lockmc check X.jpf}, {@code lockmc run} and {@code lockmc jpf}, run in-process. */
class JpfCliTest {
  /** Exit code, standard output and standard error of one command. */
  private record Result(int code, String out, String err) {}

  private static Result lockmc(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    System.setOut(o);
    System.setErr(e);
    try {
      int code = Main.run(args, o, e);
      return new Result(code, out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  private static Path jpf(Path dir, String model, String lockmcKeys) throws IOException {
    Path f = dir.resolve("m.jpf");
    Files.writeString(f, "target = org.lockmc.jvm.Main\ntarget.args = " + model + "\n"
        + lockmcKeys);
    return f;
  }

  @Test
  void checkRunsTheModelOfAJpfFileWithItsOptions(@TempDir Path dir) throws IOException {
    Path f = jpf(dir, "basics.AbbaFixedOrder", "lockmc.max_executions = 1\n");
    Result r = lockmc("check", f.toString());
    assertEquals(1, r.code(), r.out() + r.err());
    assertTrue(r.out().matches("(?s).*basics\\.AbbaFixedOrder  UNKNOWN .*\\(bounded by executions=1\\).*"),
        r.out());
  }

  @Test
  void theCommandLineOverridesTheJpfFile(@TempDir Path dir) throws IOException {
    Path f = jpf(dir, "basics.AbbaFixedOrder", "lockmc.max_executions = 1\n");
    Result r = lockmc("check", f.toString(), "--max-executions", "100");
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("basics.AbbaFixedOrder  SAFE"), r.out());
  }

  @Test
  void theGeneratedFilesCheckAsTheirModels() {
    Result r = lockmc("check", "-q", JpfConfigs.path("basics.AbbaDeadlock"));
    assertEquals(0, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("basics.AbbaDeadlock  DEADLOCK"), r.out());
  }

  @Test
  void anUnknownLockmcKeyIsOneLineAndExitCode2(@TempDir Path dir) throws IOException {
    Path f = jpf(dir, "basics.AbbaFixedOrder", "lockmc.max_execution = 1\n");
    Result r = lockmc("check", f.toString());
    assertEquals(2, r.code());
    assertEquals("error: " + f + ":3: unknown key 'lockmc.max_execution' (did you mean"
        + " 'lockmc.max_executions'?)\n", r.err());
  }

  @Test
  void runRunsAModelOnceOnTheJvm() {
    Result r = lockmc("run", "basics.AbbaFixedOrder");
    assertEquals(0, r.code(), r.out() + r.err());
    assertEquals("basics.AbbaFixedOrder: ran to completion, tasks [A, B] (one schedule on the"
        + " JVM; 'lockmc check' explores them all)\n", r.out());
  }

  @Test
  void jpfWithoutJpfHomeExplainsHowToInstallIt() {
    assumeFalse(JpfInstallation.configured(System.getenv()), "JPF_HOME is set here");
    Result r = lockmc("jpf", "basics.AbbaDeadlock");
    assertEquals(2, r.code());
    assertEquals("error: " + JpfInstallation.NOT_INSTALLED + "\n", r.err());
  }
}
