package org.lockmc.lockdep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The real splats under {@code src/test/resources/splats}. */
final class Splats {
  static final Path DIR = Path.of("src", "test", "resources", "splats");

  private Splats() {}

  static String text(String file) {
    try {
      return Files.readString(DIR.resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ParsedSplat parse(String file) {
    return SplatParser.parse(text(file), file);
  }
}
