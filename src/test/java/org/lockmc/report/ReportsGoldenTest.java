package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockmc.cli.Main;

/**
 * The committed {@code reports/} folder is the golden set: a fresh {@code lockmc report} of
 * {@code models/} must write exactly the same files, byte for byte. Run with {@code
 * -Dlockmc.updateReports=true} to rewrite the folder instead (then review and commit it).
 */
class ReportsGoldenTest {
  private static final Path COMMITTED = Path.of("reports");

  @TempDir Path tmp;

  private static int report(Path out) {
    ByteArrayOutputStream sink = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
    return Main.run(new String[] {"report", "--no-color", "--out", out.toString()}, ps, ps);
  }

  @Test
  void theCommittedReportsMatchAFreshRun() throws IOException {
    if (Boolean.getBoolean("lockmc.updateReports")) {
      assertEquals(Main.OK, report(COMMITTED));
      return;
    }
    assertEquals(Main.OK, report(tmp), "lockmc report: an unexpected result or an error");
    List<String> diffs = GoldenFiles.differences(COMMITTED, tmp, "reports");
    assertTrue(diffs.isEmpty(), String.join("\n", diffs)
        + "\nreports/ is out of date: regenerate it with ./lockmc report (or mvn test"
        + " -Dlockmc.updateReports=true), review the change and commit reports/");
  }

  @Test
  void everySummaryIsValidJson() throws IOException {
    ObjectMapper json = new ObjectMapper();
    int n = 0;
    for (Path p : GoldenFiles.list(COMMITTED)) {
      if (p.getFileName().toString().equals("summary.json")) {
        String model = json.readTree(COMMITTED.resolve(p).toFile()).get("model").asText();
        assertEquals(p.getParent().toString(), model, "the folder is named after its model");
        n++;
      }
    }
    assertTrue(n > 0, "no summary.json under reports/");
  }

  @Test
  void theFilesHoldNoAbsolutePathOrTimestamp() throws IOException {
    String home = Path.of("").toAbsolutePath().toString();
    for (Path p : GoldenFiles.list(COMMITTED)) {
      String text = Files.readString(COMMITTED.resolve(p));
      assertTrue(!text.contains(home), p + " holds the absolute path " + home);
      assertTrue(!text.matches("(?s).*\\b20\\d\\d-\\d\\d-\\d\\dT\\d\\d:.*"), p + " holds a timestamp");
    }
  }
}
