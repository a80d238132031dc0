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

/** The command line, run in-process: results, exit codes, and one-line errors for bad input. */
class CliTest {
  @TempDir Path tmp;

  /** Exit code, standard output and standard error of one run. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private Path write(String name, String source) throws IOException {
    Path f = tmp.resolve(name);
    Files.createDirectories(f.getParent());
    Files.writeString(f, source);
    return f;
  }

  private static void assertOneLineError(Run r, String fragment) {
    assertEquals(Main.USAGE, r.code(), r.err());
    assertEquals("", r.out());
    String[] lines = r.err().strip().split("\n");
    assertEquals(1, lines.length, "one line: " + r.err());
    assertTrue(lines[0].startsWith("error: "), r.err());
    assertTrue(lines[0].contains(fragment), r.err());
    assertFalse(r.err().contains("\tat "), "no stack trace");
  }

  /**
   * {@code bench} measures one row per model, thread kind and strategy; without the field hooks the
   * race on a plain flag is invisible (fewer executions, no violation), which is what makes the
   * hooks' cost measurable and why that run is labelled as giving no verdicts.
   */
  @Test
  void benchMeasuresWithAndWithoutFieldHooks() {
    Run on = run("bench", "ksm2009.KsmRunReadOutsideMutex", "--threads", "platform");
    assertEquals(Main.OK, on.code(), on.err());
    assertTrue(on.out().contains("field hooks on"), on.out());
    String[] withHooks = row(on.out(), "dpor");
    assertEquals("VIOLATION", withHooks[withHooks.length - 1], on.out());

    Run off = run("bench", "ksm2009.KsmRunReadOutsideMutex", "--threads", "platform",
        "--no-field-hooks");
    assertEquals(Main.OK, off.code(), off.err());
    assertTrue(off.out().contains("field hooks off (results are not verdicts)"), off.out());
    String[] withoutHooks = row(off.out(), "dpor");
    assertTrue(Long.parseLong(withoutHooks[3]) < Long.parseLong(withHooks[3]), off.out());
    assertEquals("SAFE", withoutHooks[withoutHooks.length - 1], off.out());
  }

  /** The columns of the bench row of {@code strategy}. */
  private static String[] row(String out, String strategy) {
    for (String line : out.split("\n")) {
      String[] cols = line.trim().split("\\s+");
      if (cols.length > 3 && cols[2].equals(strategy)) {
        return cols;
      }
    }
    throw new AssertionError("no " + strategy + " row in:\n" + out);
  }

  @Test
  void checkingTheBasicsIsAsExpected() {
    Run r = run("check", "basics", "--quiet");
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("basics.AbbaDeadlock"), r.out());
    assertTrue(r.out().contains("0 unexpected"), r.out());
  }

  @Test
  void aFoundBugPrintsItsCounterexampleTable() {
    Run r = run("check", "basics.AbbaDeadlock");
    assertEquals(Main.OK, r.code());
    assertTrue(r.out().contains("DEADLOCK: A, B wait for each other"), r.out());
    assertTrue(r.out().contains("| A "), r.out());
    assertTrue(r.out().contains("A: mutex_lock(b) -- mutex b held by B; holds a"), r.out());
    assertTrue(r.out().contains("[blocked: mutex b held by B]"), r.out());
    assertTrue(r.out().contains("| AbbaDeadlock.java:24"), "model lines: " + r.out());
  }

  @Test
  void theVerdictTableIsAligned() {
    Run r = run("check", "basics", "--no-color");
    String[] lines = r.out().split("\n");
    int result = lines[0].indexOf("RESULT");
    int executions = lines[0].indexOf("EXECUTIONS") + "EXECUTIONS".length();
    int rows = 0;
    for (String l : lines) {
      if (l.startsWith("basics.")) {
        assertEquals(' ', l.charAt(result - 1), l);
        assertTrue(Character.isUpperCase(l.charAt(result)), "the result column starts aligned: " + l);
        assertTrue(Character.isDigit(l.charAt(executions - 1)), "right-aligned count: " + l);
        assertEquals(' ', l.charAt(executions), l);
        rows++;
      }
    }
    assertEquals(org.lockmc.testing.TestModels.library("basics").size(), rows, r.out());
    assertFalse(r.out().contains("\u001b["), "no colours off a terminal");
  }

  @Test
  void jsonPrintsOneDocumentAndNoTable() throws IOException {
    Run r = run("check", "basics", "--json");
    assertEquals(Main.OK, r.code(), r.err());
    assertTrue(r.out().startsWith("{\n  \"format\": 1,\n  \"tool\": \"lockmc\",\n"), r.out());
    com.fasterxml.jackson.databind.JsonNode doc =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertEquals(org.lockmc.testing.TestModels.library("basics").size(), doc.get("models").size());
    assertEquals(0, doc.get("unexpected").asInt());
    com.fasterxml.jackson.databind.JsonNode abba = doc.get("models").get(0);
    assertEquals("basics.AbbaDeadlock", abba.get("model").asText());
    assertEquals("DEADLOCK", abba.get("result").asText());
    assertTrue(abba.get("complete").asBoolean());
    assertEquals("AbbaDeadlock.java:25", abba.get("counterexamples").get(0).get("at").asText());
    assertEquals(run("check", "basics", "--json").out(), r.out(), "deterministic");
  }

  @Test
  void reportWritesTheFolderAndTheSarifAndJunitFiles() throws IOException {
    Path out = tmp.resolve("rep");
    Path sarif = tmp.resolve("out/lockmc.sarif");
    Path junit = tmp.resolve("out/lockmc-junit.xml");
    Run r = run("report", "basics", "--out", out.toString(), "--sarif", sarif.toString(),
        "--junit", junit.toString());
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    assertTrue(Files.isRegularFile(out.resolve("index.html")));
    assertTrue(Files.isRegularFile(out.resolve("basics.AbbaDeadlock/schedule.txt")));
    assertTrue(Files.readString(sarif).contains("\"ruleId\": \"lockmc/deadlock\""));
    assertTrue(Files.readString(junit).contains("<testcase classname=\"basics\" name=\"AbbaDeadlock\""));
    assertFalse(r.out().contains("| A "), "report shows no counterexample tables: " + r.out());
    Run replay = run("replay", out.resolve("basics.AbbaDeadlock/schedule.txt").toString());
    assertEquals(Main.OK, replay.code(), replay.out() + replay.err());
    assertTrue(replay.out().contains("reproduced: DEADLOCK[A, B]"), replay.out());
  }

  @Test
  void checkWithReportMirrorsTheRunInTheFolder() throws IOException {
    Path out = tmp.resolve("rep");
    assertEquals(Main.OK, run("report", "basics", "--out", out.toString()).code());
    Run r = run("check", "basics.AbbaDeadlock", "--quiet", "--report", out.toString());
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    assertTrue(Files.isDirectory(out.resolve("basics.AbbaDeadlock")));
    assertFalse(Files.exists(out.resolve("basics.AbbaFixedOrder")), "not checked: pruned");
    assertTrue(Files.readString(out.resolve("index.html")).contains("1 model: 1 as expected"));
  }

  @Test
  void anUnwritableReportFolderIsAOneLineError() throws IOException {
    Path file = write("plain.txt", "not a folder");
    assertOneLineError(run("check", "basics.AbbaDeadlock", "--report", file.toString()),
        "cannot write the report");
  }

  @Test
  void anUnexpectedResultExitsWithOneAndShowsTheCounterexample() throws IOException {
    Path f = write("w/Wrong.java", "package w;\nimport org.lockmc.kernel.*;\nimport org.lockmc.model.*;\n"
        + "@LockModel(expect = Verdict.SAFE)\npublic class Wrong {\n"
        + "  final Mutex a = new Mutex(\"a\"); final Mutex b = new Mutex(\"b\");\n"
        + "  @Task void x() { a.lock(); b.lock(); b.unlock(); a.unlock(); }\n"
        + "  @Task void y() { b.lock(); a.lock(); a.unlock(); b.unlock(); }\n}\n");
    Run r = run("check", f.toString(), "--quiet");
    assertEquals(Main.UNEXPECTED, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("UNEXPECTED"), r.out());
    assertTrue(r.out().contains("DEADLOCK: x, y wait for each other"), "shown even with --quiet");
  }

  @Test
  void aClassWithoutLockModelIsAOneLineError() throws IOException {
    Path f = write("e/NotAModel.java", "package e;\npublic class NotAModel {}\n");
    assertOneLineError(run("check", f.toString()), "has no model: no class in it carries @LockModel");
  }

  @Test
  void aModelWithoutTasksIsAOneLineError() throws IOException {
    Path f = write("e/NoTasks.java", "package e;\nimport org.lockmc.model.*;\n"
        + "@LockModel(expect = Verdict.SAFE)\npublic class NoTasks {}\n");
    assertOneLineError(run("check", f.toString()), "e.NoTasks has no tasks: mark each method");
  }

  @Test
  void anUnknownModelIsAOneLineError() {
    assertOneLineError(run("check", "nosuch.Model"), "unknown model 'nosuch.Model'");
  }

  @Test
  void anUnknownModelWithoutALibrarySaysWhereToRunFrom() {
    Run r = run("check", "--models", "no-such-library", "nosuch.Model");
    assertOneLineError(r, "unknown model 'nosuch.Model'");
    assertTrue(r.err().contains("there is no no-such-library/ folder here: run lockmc from the"
        + " project's folder, or name the library with --models DIR"), r.err());
  }

  @Test
  void aSourceThatDoesNotCompileIsAOneLineError() throws IOException {
    Path f = write("e/Broken.java", "package e;\npublic class Broken { int x = ; }\n");
    Run r = run("check", f.toString());
    assertOneLineError(r, "Broken.java:2: does not compile:");
  }

  @Test
  void aBadOptionIsAUsageError() {
    Run r = run("check", "basics", "--strategy", "sideways");
    assertEquals(Main.USAGE, r.code());
    assertTrue(r.err().contains("--strategy sideways: not one of"), r.err());
  }

  @Test
  void theOutputIsDeterministicApartFromTimes() {
    String a = run("check", "basics", "--no-color").out().replaceAll("\\d+\\.\\d+s", "T");
    String b = run("check", "basics", "--no-color").out().replaceAll("\\d+\\.\\d+s", "T");
    assertEquals(a, b);
  }

  @Test
  void replayReproducesAWrittenSchedule() throws IOException {
    Run check = run("check", "basics.AbbaDeadlock");
    assertEquals(Main.OK, check.code());
    org.lockmc.engine.ModelDefinition m =
        org.lockmc.testing.TestModels.libraryModel("basics.AbbaDeadlock");
    org.lockmc.engine.Counterexample cx = org.lockmc.check.Checker.check(m,
        org.lockmc.engine.ExplorerConfig.DEFAULTS).exploration().counterexample(org.lockmc.model.Verdict.DEADLOCK);
    Path schedule = tmp.resolve("schedule.txt");
    Files.writeString(schedule, org.lockmc.report.ScheduleFile.write(m.name(), "basics", cx));
    Run r = run("replay", schedule.toString());
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("reproduced: DEADLOCK[A, B]"), r.out());
    assertTrue(r.out().contains("| AbbaDeadlock.java:25"), "replay shows model lines: " + r.out());
  }

  /**
   * A library outside the working directory: its reports name the model file from the library's
   * folder (no absolute path, the package folder kept), and their schedule replays from there.
   */
  @Test
  void aReportOfALibraryOutsideTheWorkingDirectoryReplays() throws IOException {
    Path lib = tmp.resolve("lib");
    Files.createDirectories(lib.resolve("basics"));
    Files.copy(Path.of("models", "basics", "AbbaDeadlock.java"),
        lib.resolve("basics").resolve("AbbaDeadlock.java"));
    Path out = tmp.resolve("out");
    Run check = run("check", "--models", lib.toString(), "basics.AbbaDeadlock", "--report",
        out.toString(), "--quiet");
    assertEquals(Main.OK, check.code(), check.out() + check.err());
    String schedule = Files.readString(out.resolve("basics.AbbaDeadlock").resolve("schedule.txt"));
    assertTrue(schedule.contains("target: lib/basics/AbbaDeadlock.java"), schedule);
    assertFalse(schedule.contains(tmp.toString()), "no absolute path: " + schedule);
    Run r = run("replay", "--models", lib.toString(),
        out.resolve("basics.AbbaDeadlock").resolve("schedule.txt").toString());
    assertEquals(Main.OK, r.code(), r.out() + r.err());
    assertTrue(r.out().contains("reproduced: DEADLOCK[A, B]"), r.out());
  }

  @Test
  void aMalformedScheduleIsAOneLineErrorNamingTheLine() throws IOException {
    Path schedule = write("bad.txt", "model: basics.AbbaDeadlock\nstep A mutex_lock(a)\n");
    assertOneLineError(run("replay", schedule.toString()), "bad.txt:2: cannot read");
  }
}
