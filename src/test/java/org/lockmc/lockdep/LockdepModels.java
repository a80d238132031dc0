package org.lockmc.lockdep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lockmc.check.CheckOptions;
import org.lockmc.check.CheckResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.testing.TestModels;

/**
 * The test-local models under {@code src/test/resources/lockdep/models}: small fixtures shaped
 * like the seed scenarios, which pin the splat printer's and the CLI's output independently of how
 * the library evolves (the library's own seed models answer the real splats in {@link
 * SplatAcceptanceTest}), and the golden-file models. Compiled once per test class that asks.
 */
final class LockdepModels {
  static final Path DIR = Path.of("src", "test", "resources", "lockdep", "models");

  private final Map<String, ModelDefinition> models;

  private LockdepModels(Map<String, ModelDefinition> models) {
    this.models = models;
  }

  /** Compiles every model under {@link #DIR}. */
  static LockdepModels compile() {
    Map<String, String> sources = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        String rel = DIR.relativize(f).toString().replace('\\', '/');
        sources.put(rel.substring(0, rel.length() - ".java".length()).replace('/', '.'),
            Files.readString(f));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new LockdepModels(TestModels.compile(sources));
  }

  ModelDefinition get(String name) {
    ModelDefinition m = models.get(name);
    if (m == null) {
      throw new IllegalArgumentException("no test model " + name + " in " + models.keySet());
    }
    return m;
  }

  List<String> names() {
    return List.copyOf(models.keySet());
  }

  /** Checks {@code name} with DPOR and the given rules. */
  CheckResult check(String name, LockdepRules rules) {
    return TestModels.checkAll(get(name), TestModels.config(StrategyKind.DPOR),
        CheckOptions.DEFAULT.withRules(rules));
  }

  CheckResult check(String name) {
    return check(name, LockdepRules.V5_10);
  }
}
