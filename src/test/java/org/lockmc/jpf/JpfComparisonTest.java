package org.lockmc.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.check.Checker;
import org.lockmc.config.Durations;
import org.lockmc.config.JpfConfigs;
import org.lockmc.config.JpfFile;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.testing.ExtraModels;
import org.lockmc.testing.TestModels;

/**
 * Every model of the library under Java PathFinder (through its {@code jpf-configs/} file) and
 * under lockmc's engine: the verdicts must agree wherever JPF finishes. Skipped, with the reason,
 * when {@code JPF_HOME} is not set; {@code -Dlockmc.jpf.timeLimit=2m} shortens JPF's limit per
 * model (default 10m), and a model JPF does not finish in time is skipped, not failed.
 */
@Tag("jpf")
class JpfComparisonTest {
  private static Path models;
  private static JpfRunner runner;

  static Stream<String> models() {
    return TestModels.library("models").stream().map(ModelDefinition::name);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void jpfAgreesWithLockmc(String model) throws InterruptedException {
    assumeTrue(JpfInstallation.configured(System.getenv()), "JPF_HOME is not set, so the"
        + " comparison with Java PathFinder is skipped (see README \"Java PathFinder\")");
    ModelDefinition m = TestModels.libraryModel(model);
    Path config = Path.of(JpfConfigs.path(m.name()));
    ExplorerConfig c = JpfFile.read(config, config.toString()).applyTo(ExplorerConfig.DEFAULTS);
    ExplorationResult lockmc = Checker.check(m, c).exploration();
    JpfRunner.Run run = runner().run(config, List.of(JpfClasspath.lockmcClasses(), models));
    Comparison cmp = new Comparison(m.name(), lockmc, run.result());
    assertNotEquals(JpfResult.Status.JPF_ERROR, run.result().status(), run.output());
    // an error JPF found before it was cut is checked too: only its "no errors" needs a finish
    assertNotEquals(Comparison.Agreement.NO, cmp.agreement(), m.name() + ": lockmc "
        + lockmc.verdict() + " but JPF " + run.result().verdict() + " " + run.result().detail());
    assumeTrue(run.result().status() != JpfResult.Status.TIMEOUT
        && run.result().status() != JpfResult.Status.CONSTRAINED,
        "JPF did not finish " + m.name() + ": " + run.result().detail());
  }

  static Stream<String> extraModels() {
    return ExtraModels.sources().keySet().stream();
  }

  /** Violations, data choices, hangs and kernel threads, which the library does not cover yet. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("extraModels")
  void jpfAgreesWithLockmcOnWhatTheLibraryLacks(String model, @TempDir Path dir)
      throws InterruptedException, IOException {
    assumeTrue(JpfInstallation.configured(System.getenv()), "JPF_HOME is not set, so the"
        + " comparison with Java PathFinder is skipped (see README \"Java PathFinder\")");
    ModelDefinition m = TestModels.compile(ExtraModels.sources()).get(model);
    List<Path> files = new ArrayList<>();
    for (Map.Entry<String, String> e : ExtraModels.sources().entrySet()) {
      Path f = dir.resolve("src").resolve(e.getKey().replace('.', '/') + ".java");
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
      files.add(f);
    }
    Path classes = JpfClasspath.compileModels(files, dir);
    Path config = dir.resolve("model.jpf");
    Files.writeString(config, JpfConfigs.render(m.name(), m.expect()));
    try {
      ExplorationResult lockmc = Checker.check(m, ExplorerConfig.DEFAULTS).exploration();
      JpfRunner.Run run = runner().run(config, List.of(JpfClasspath.lockmcClasses(), classes));
      assertTrue(lockmc.asExpected(), lockmc.verdict());
      assertNotEquals(JpfResult.Status.JPF_ERROR, run.result().status(), run.output());
      assertEquals(Comparison.Agreement.YES,
          new Comparison(m.name(), lockmc, run.result()).agreement(),
          m.name() + ": lockmc " + lockmc.verdict() + " but JPF " + run.result().verdict());
    } finally {
      JpfClasspath.delete(classes);
    }
  }

  private static synchronized JpfRunner runner() {
    if (runner == null) {
      Duration limit = Durations.parse(System.getProperty("lockmc.jpf.timeLimit", "10m"));
      runner = new JpfRunner(JpfInstallation.find(System.getenv()), limit);
      models = JpfClasspath.compileModels(JpfClasspath.javaFiles(List.of(Path.of("models"))),
          Path.of(""));
    }
    return runner;
  }

  @AfterAll
  static void deleteModels() {
    if (models != null) {
      JpfClasspath.delete(models);
    }
  }
}
