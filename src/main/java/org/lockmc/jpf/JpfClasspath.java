package org.lockmc.jpf;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lockmc.engine.ModelError;
import org.lockmc.instrument.ModelCompiler;

/**
 * The class path JPF runs a model with: lockmc's own classes (the jar or {@code target/classes}
 * this code was loaded from) and the models, compiled from source into a temporary folder
 * (JPF loads classes itself, from files, so models compiled in memory must be written out).
 */
public final class JpfClasspath {
  private JpfClasspath() {}

  /** Where lockmc's classes were loaded from: {@code target/lockmc.jar} or {@code target/classes}. */
  public static Path lockmcClasses() {
    try {
      return Path.of(JpfClasspath.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      throw new IllegalStateException("cannot locate lockmc's classes: " + e, e);
    }
  }

  /** Compiles {@code sources} (paths relative to {@code base} in messages) into a new temporary folder. */
  public static Path compileModels(List<Path> sources, Path base) {
    Map<String, byte[]> classes = ModelCompiler.compile(sources, base);
    try {
      Path dir = Files.createTempDirectory("lockmc-jpf-models");
      for (Map.Entry<String, byte[]> e : classes.entrySet()) {
        Path file = dir.resolve(e.getKey().replace('.', '/') + ".class");
        Files.createDirectories(file.getParent());
        Files.write(file, e.getValue());
      }
      return dir;
    } catch (IOException e) {
      throw new ModelError("cannot write the compiled models for JPF: " + e.getMessage());
    }
  }

  /** The {@code .java} files under {@code roots} (a root may be a file), sorted, each once. */
  public static List<Path> javaFiles(List<Path> roots) {
    java.util.TreeSet<Path> files = new java.util.TreeSet<>();
    for (Path root : roots) {
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : s.filter(f -> f.toString().endsWith(".java")).toList()) {
          files.add(p.normalize());
        }
      } catch (IOException e) {
        throw ModelError.cannotRead(root.toString(), e);
      }
    }
    return new java.util.ArrayList<>(files);
  }

  /** Deletes a folder made by {@link #compileModels}. */
  public static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      // a temporary folder left behind is harmless
    }
  }
}
