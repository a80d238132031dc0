package org.lockmc.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Both task-thread paths give the same results. The build runs on JDK 17 (platform threads); this
 * test also runs the model library on the newest installed JDK 21 or later, where tasks run on
 * virtual threads, and compares. It is skipped, saying why, when no such JDK is installed.
 */
class VirtualThreadsTest {

  @Test
  void theLibraryGivesTheSameResultsOnVirtualThreads() throws Exception {
    Optional<Path> java = newestJdk21();
    assumeTrue(java.isPresent(), "no JDK 21 or later installed: the virtual-thread path is not"
        + " exercised here (install one under /usr/lib/jvm or set LOCKMC_JAVA)");
    Process p = new ProcessBuilder(java.get().toString(), "-cp", System.getProperty("java.class.path"),
        "org.lockmc.cli.Main", "check", "models", "--quiet", "--no-color", "--threads", "virtual")
        .redirectErrorStream(true).start();
    String virtual = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.MINUTES));
    assertEquals(0, p.exitValue(), virtual);
    assertTrue(virtual.contains("on virtual threads"), virtual);
    CliTest.Run platform = CliTest.run("check", "models", "--quiet", "--no-color", "--threads", "platform");
    assertEquals(0, platform.code(), platform.out());
    assertTrue(platform.out().contains("on platform threads"), platform.out());
    assertEquals(verdicts(platform.out()), verdicts(virtual));
  }

  /** The verdict lines without the time column and the summary line. */
  private static List<String> verdicts(String output) {
    return output.lines()
        .filter(l -> l.contains("  ok") || l.contains("UNEXPECTED"))
        .map(l -> l.replaceAll("\\s+\\d+\\.\\d+s\\s+", " "))
        .toList();
  }

  static Optional<Path> newestJdk21() throws IOException {
    String override = System.getenv("LOCKMC_JAVA");
    if (override != null && !override.isEmpty()) {
      return Optional.of(Path.of(override));
    }
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return Optional.empty();
    }
    Path best = null;
    int bestVersion = 0;
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        Path bin = home.resolve("bin" + File.separator + "java");
        if (!Files.isRegularFile(release) || !Files.isExecutable(bin)) {
          continue;
        }
        for (String line : Files.readAllLines(release)) {
          if (line.startsWith("JAVA_VERSION=\"")) {
            String v = line.substring(14).split("[.\"]")[0];
            int version = v.matches("\\d+") ? Integer.parseInt(v) : 0;
            if (version >= 21 && version > bestVersion) {
              best = bin;
              bestVersion = version;
            }
          }
        }
      }
    }
    return Optional.ofNullable(best);
  }
}
