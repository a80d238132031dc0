package org.lockmc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockmc.check.CheckOptions;
import org.lockmc.check.CheckResult;
import org.lockmc.check.Checker;
import org.lockmc.check.Instrumentation;
import org.lockmc.check.ModelLocator;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.ThreadMode;
import org.lockmc.instrument.ClassBytes;
import org.lockmc.instrument.ModelClassLoader;
import org.lockmc.instrument.ModelCompiler;

/** Compiles model sources written in tests, and loads library models, the way the CLI does. */
public final class TestModels {
  private TestModels() {}

  /** The settings tests use: small bounds, platform threads unless asked otherwise. */
  public static ExplorerConfig config(StrategyKind strategy) {
    return ExplorerConfig.DEFAULTS.withStrategy(strategy).withThreads(ThreadMode.AUTO)
        .withMaxExecutions(2_000_000);
  }

  /** Compiles {@code sources} (binary class name to source text) and returns their models. */
  public static Map<String, ModelDefinition> compile(Map<String, String> sources) {
    try {
      Path dir = Files.createTempDirectory("lockmc-test-models");
      List<Path> files = new ArrayList<>();
      for (Map.Entry<String, String> e : sources.entrySet()) {
        Path f = dir.resolve(e.getKey().replace('.', '/') + ".java");
        Files.createDirectories(f.getParent());
        Files.writeString(f, e.getValue());
        files.add(f);
      }
      Map<String, byte[]> classes = ModelCompiler.compile(files, dir);
      ModelClassLoader loader = new ModelClassLoader(TestModels.class.getClassLoader(),
          ClassBytes.of(classes), Instrumentation.transformer());
      Map<String, ModelDefinition> models = new LinkedHashMap<>();
      for (String name : sources.keySet()) {
        models.put(name, ModelDefinition.of(loader.loadModel(name)));
      }
      return models;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Compiles one model. */
  public static ModelDefinition compile(String className, String source) {
    return compile(Map.of(className, source)).get(className);
  }

  /** The models of the library under {@code models/} that {@code target} names. */
  public static List<ModelDefinition> library(String target) {
    return new ModelLocator(Path.of(""), Path.of("models"), List.of(),
        Instrumentation.transformer()).locate(target);
  }

  /** One library model by class name. */
  public static ModelDefinition libraryModel(String className) {
    for (ModelDefinition m : library(className)) {
      if (m.name().equals(className)) {
        return m;
      }
    }
    throw new IllegalArgumentException("no library model " + className);
  }

  /** The exploration result of checking {@code m} (the lockdep view is recorded too). */
  public static ExplorationResult check(ModelDefinition m, StrategyKind strategy) {
    return Checker.check(m, config(strategy)).exploration();
  }

  public static ExplorationResult check(ModelDefinition m, ExplorerConfig config) {
    return Checker.check(m, config).exploration();
  }

  /** The full result of checking {@code m}: exploration and lockdep view. */
  public static CheckResult checkAll(ModelDefinition m, ExplorerConfig config,
      CheckOptions options) {
    return Checker.check(m, config, options);
  }

  /** Standard imports for generated model sources. */
  public static String header(String pkg) {
    return "package " + pkg + ";\n"
        + "import org.lockmc.kernel.*;\n"
        + "import org.lockmc.model.*;\n";
  }
}
