package org.lockmc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockmc.check.Instrumentation;
import org.lockmc.check.ModelLocator;
import org.lockmc.config.JpfFile;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;

/** Where models are looked up. */
final class LocatorOptions {
  @picocli.CommandLine.Option(names = "--models", paramLabel = "DIR",
      description = "The model library's source root (default: models).")
  Path models = Path.of("models");

  @picocli.CommandLine.Option(names = "--classpath", paramLabel = "DIR", split = ":",
      description = "Directories of compiled model classes (default: target/test-classes).")
  List<Path> classpath = new ArrayList<>(List.of(Path.of("target", "test-classes")));

  /**
   * Whether models get their field and array hooks: false only for {@code bench --no-field-hooks}.
   */
  boolean memoryHooks = true;

  ModelLocator locator() {
    List<Path> dirs = new ArrayList<>();
    for (Path p : classpath) {
      if (Files.isDirectory(p)) {
        dirs.add(p);
      }
    }
    return new ModelLocator(Path.of(""), models, dirs, Instrumentation.transformer(memoryHooks));
  }

  /** A model a target named, and the {@code .jpf} file that named it (or null). */
  record Located(ModelDefinition model, JpfFile jpf) {}

  /**
   * The models {@code targets} name, each once (the first target naming it wins), in order. A
   * {@code .jpf} target names the model of its {@code target.args}.
   */
  List<Located> locateTargets(List<String> targets) {
    ModelLocator locator = locator();
    Map<String, Located> byName = new LinkedHashMap<>();
    for (String t : targets) {
      JpfFile jpf = null;
      String target = t;
      if (t.endsWith(".jpf")) {
        Path file = Path.of(t);
        if (!Files.isRegularFile(file)) {
          throw new ModelError("no such .jpf file: " + t);
        }
        jpf = JpfFile.read(file, t);
        target = jpf.model();
      }
      for (ModelDefinition m : locator.locate(target)) {
        byName.putIfAbsent(m.name(), new Located(m, jpf));
      }
    }
    return new ArrayList<>(byName.values());
  }

  List<ModelDefinition> locateAll(List<String> targets) {
    List<ModelDefinition> all = new ArrayList<>();
    for (Located l : locateTargets(targets)) {
      all.add(l.model());
    }
    return all;
  }
}
