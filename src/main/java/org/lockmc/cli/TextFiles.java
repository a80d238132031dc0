package org.lockmc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.lockmc.engine.ModelError;

/** Reading a user's input file (a splat, a schedule): an unreadable file is a one-line error. */
final class TextFiles {
  private TextFiles() {}

  /** The text of {@code file}; {@code what} names it in the error ("splat", "schedule"). */
  static String read(Path file, String what) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ModelError.cannotRead(what + " " + file, e);
    }
  }
}
