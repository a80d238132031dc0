package org.lockmc.instrument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Where the bytes of model classes come from: compiled in memory, or class directories. */
public interface ClassBytes {
  /** The class file of binary name {@code name}, or null when this source has none. */
  byte[] find(String name);

  /** Classes compiled in memory, by binary name. */
  static ClassBytes of(Map<String, byte[]> classes) {
    Map<String, byte[]> copy = Map.copyOf(classes);
    return copy::get;
  }

  /** Class files under the given directories (first match wins). */
  static ClassBytes directories(List<Path> roots) {
    List<Path> copy = List.copyOf(roots);
    return name -> {
      for (Path root : copy) {
        Path file = root.resolve(name.replace('.', '/') + ".class");
        if (Files.isRegularFile(file)) {
          try {
            return Files.readAllBytes(file);
          } catch (IOException e) {
            return null;
          }
        }
      }
      return null;
    };
  }
}
