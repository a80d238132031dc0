package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockmc.check.Checker;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.testing.TestModels;

/** Writing the report folder: complete folders, no leftovers, determinism, pruning. */
class ReportWriterTest {
  @TempDir Path tmp;

  private static List<ModelReport> basics() {
    List<ModelReport> out = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("basics")) {
      LockGraphRecorder graph = new LockGraphRecorder();
      ExplorerConfig c = ExplorerConfig.DEFAULTS;
      out.add(ModelReport.of(Checker.check(m, c)));
    }
    return out;
  }

  private static void writeAll(Path dir, List<ModelReport> reports) {
    ReportWriter w = new ReportWriter(dir);
    reports.forEach(w::write);
    w.writeIndex(reports);
  }

  @Test
  void twoRunsWriteTheSameBytes() throws IOException {
    writeAll(tmp.resolve("one"), basics());
    writeAll(tmp.resolve("two"), basics());
    List<Path> files = GoldenFiles.list(tmp.resolve("one"));
    assertEquals(files, GoldenFiles.list(tmp.resolve("two")));
    for (Path f : files) {
      assertEquals(Files.readString(tmp.resolve("one").resolve(f)),
          Files.readString(tmp.resolve("two").resolve(f)), f.toString());
    }
  }

  @Test
  void aModelFolderHoldsItsFilesAndNoTemporaryFolderRemains() throws IOException {
    List<ModelReport> reports = basics();
    writeAll(tmp, reports);
    writeAll(tmp, reports); // replacing existing folders
    Path abba = tmp.resolve("basics.AbbaDeadlock");
    assertEquals(List.of("lockdep.txt", "schedule.txt", "summary.json", "trace.txt"), names(abba));
    assertEquals(List.of("lockdep.txt", "summary.json", "trace.txt"),
        names(tmp.resolve("basics.AbbaFixedOrder")));
    for (Path p : GoldenFiles.list(tmp)) {
      assertFalse(p.toString().contains(".lockmc-"), "leftover " + p);
    }
    String files = Files.readString(abba.resolve("trace.txt"));
    assertTrue(files.startsWith("basics.AbbaDeadlock: DEADLOCK (as expected)\n"), files);
  }

  @Test
  void leftoversOfAnInterruptedRunAreRemovedAndStaleReportsPruned() throws IOException {
    List<ModelReport> reports = basics();
    writeAll(tmp, reports);
    Files.createDirectories(tmp.resolve(".lockmc-tmp-basics.AbbaDeadlock"));
    Files.writeString(tmp.resolve(".lockmc-tmp-basics.AbbaDeadlock/trace.txt"), "half");
    Files.createDirectories(tmp.resolve("notes"));
    Files.writeString(tmp.resolve("notes/mine.txt"), "keep me");
    ReportWriter w = new ReportWriter(tmp);
    assertFalse(Files.exists(tmp.resolve(".lockmc-tmp-basics.AbbaDeadlock")));
    List<String> removed = w.prune(List.of("basics.AbbaDeadlock"));
    assertEquals(reports.size() - 1, removed.size(), removed.toString());
    assertTrue(Files.exists(tmp.resolve("basics.AbbaDeadlock/summary.json")));
    assertEquals("keep me", Files.readString(tmp.resolve("notes/mine.txt")), "not a report");
  }

  @Test
  void filesAreAPureFunctionOfTheReport() {
    ModelReport r = basics().get(0);
    Map<String, String> a = ReportWriter.files(r);
    assertEquals(a, ReportWriter.files(r));
    assertTrue(a.get("summary.json").contains("\"model\": \"basics.AbbaDeadlock\""));
    assertFalse(a.get("summary.json").contains(System.getProperty("user.dir")), "no absolute path");
  }

  private static List<String> names(Path dir) throws IOException {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.forEach(p -> out.add(p.getFileName().toString()));
    }
    out.sort(null);
    return out;
  }
}
