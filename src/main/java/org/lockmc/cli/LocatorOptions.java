package org.lockmc.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lockmc.check.ModelLocator;
import org.lockmc.check.Instrumentation;
import org.lockmc.engine.ModelDefinition;

/** Where models are looked up. */
final class LocatorOptions {
  @picocli.CommandLine.Option(names = "--models", paramLabel = "DIR",
      description = "The model library's source root (default: models).")
  Path models = Path.of("models");

  @picocli.CommandLine.Option(names = "--classpath", paramLabel = "DIR", split = ":",
      description = "Directories of compiled model classes (default: target/test-classes).")
  List<Path> classpath = new ArrayList<>(List.of(Path.of("target", "test-classes")));

  ModelLocator locator() {
    List<Path> dirs = new ArrayList<>();
    for (Path p : classpath) {
      if (Files.isDirectory(p)) {
        dirs.add(p);
      }
    }
    return new ModelLocator(Path.of(""), models, dirs, Instrumentation.transformer());
  }

  List<ModelDefinition> locateAll(List<String> targets) {
    ModelLocator locator = locator();
    List<ModelDefinition> all = new ArrayList<>();
    for (String t : targets) {
      all.addAll(locator.locate(t));
    }
    return ModelLocator.distinct(all);
  }
}
