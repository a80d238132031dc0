package org.lockmc.lockdep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the full lockdep view (splats in lockdep's layouts and lockmc's verdicts) of test models,
 * byte for byte. Rewrite the files after an intended change with {@code mvn test
 * -Dtest=SplatGoldenTest -Dlockmc.updateGolden=true}, and review the diff.
 */
class SplatGoldenTest {
  private static final Path GOLDEN = Path.of("src", "test", "resources", "golden", "lockdep");
  private static LockdepModels models;

  @BeforeAll
  static void compile() {
    models = LockdepModels.compile();
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("golden.RwsemTwoMutexCycle", LockdepRules.V5_10),
        Arguments.of("golden.RwsemTwoMutexNoWriter", LockdepRules.V5_10),
        Arguments.of("golden.InodeMutexRecursion", LockdepRules.V5_10),
        Arguments.of("golden.SrcuMutexInversion", LockdepRules.V5_10),
        Arguments.of("golden.SrcuMutexInversion", LockdepRules.PRE_5_10),
        Arguments.of("golden.LockMisuse", LockdepRules.V5_10),
        Arguments.of("golden.BitWaitDeadlock", LockdepRules.V5_10),
        Arguments.of("golden.TwoDeadlocks", LockdepRules.V5_10),
        Arguments.of("thp.ThpSwapinBefore", LockdepRules.V5_10),
        Arguments.of("ksm.KsmHotremove2012", LockdepRules.V5_10),
        Arguments.of("memhotplug.MemHotplugHomebrewStage2", LockdepRules.V5_10));
  }

  @ParameterizedTest(name = "{0} ({1})")
  @MethodSource("cases")
  void lockdepViewMatchesGoldenFile(String model, LockdepRules rules) throws IOException {
    String text = models.check(model, rules).lockdep().text();
    assertEquals(text, models.check(model, rules).lockdep().text(), "deterministic output");
    Path file = GOLDEN.resolve(model + (rules == LockdepRules.V5_10 ? "" : "-pre-5.10")
        + ".txt");
    if (Boolean.getBoolean("lockmc.updateGolden")) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
      return;
    }
    if (!Files.exists(file)) {
      fail(file + " is missing: run mvn test -Dtest=SplatGoldenTest -Dlockmc.updateGolden=true");
    }
    String expected = Files.readString(file, StandardCharsets.UTF_8);
    if (!expected.equals(text)) {
      fail(file + " differs at " + firstDifference(expected, text) + " (if intended, rerun with"
          + " -Dlockmc.updateGolden=true and review the diff)\n--- actual:\n" + text);
    }
  }

  private static String firstDifference(String expected, String actual) {
    String[] e = expected.split("\n", -1);
    String[] a = actual.split("\n", -1);
    for (int i = 0; i < Math.min(e.length, a.length); i++) {
      if (!e[i].equals(a[i])) {
        return "line " + (i + 1) + ": expected '" + e[i] + "', got '" + a[i] + "'";
      }
    }
    return "line " + (Math.min(e.length, a.length) + 1) + " (one text is longer)";
  }
}
