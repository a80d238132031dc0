package org.lockmc.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Comparing a generated report folder with the committed one, file by file and line by line. */
final class GoldenFiles {
  private GoldenFiles() {}

  /** Every regular file under {@code root}, relative to it, sorted. */
  static List<Path> list(Path root) throws IOException {
    List<Path> out = new ArrayList<>();
    if (!Files.isDirectory(root)) {
      return out;
    }
    try (Stream<Path> s = Files.walk(root)) {
      s.filter(Files::isRegularFile).forEach(p -> out.add(root.relativize(p)));
    }
    out.sort(null);
    return out;
  }

  /**
   * The differences between {@code expected} (committed) and {@code actual} (fresh), one line
   * each, empty when the folders are the same; {@code name} names the committed folder.
   */
  static List<String> differences(Path expected, Path actual, String name) throws IOException {
    List<String> out = new ArrayList<>();
    List<Path> want = list(expected);
    List<Path> got = list(actual);
    for (Path p : got) {
      if (!want.contains(p)) {
        out.add(name + "/" + p + " is missing (a fresh run writes it)");
      }
    }
    for (Path p : want) {
      if (!got.contains(p)) {
        out.add(name + "/" + p + " is stale (a fresh run does not write it)");
      }
    }
    for (Path p : got) {
      if (want.contains(p)) {
        String d = firstDifference(Files.readString(expected.resolve(p)),
            Files.readString(actual.resolve(p)));
        if (d != null) {
          out.add(name + "/" + p + " differs from a fresh run: " + d);
        }
      }
    }
    return out;
  }

  private static String firstDifference(String want, String got) {
    if (want.equals(got)) {
      return null;
    }
    String[] a = want.split("\n", -1);
    String[] b = got.split("\n", -1);
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      String x = i < a.length ? a[i] : "<end of file>";
      String y = i < b.length ? b[i] : "<end of file>";
      if (!x.equals(y)) {
        return "line " + (i + 1) + " is '" + x + "' but a fresh run gives '" + y + "'";
      }
    }
    return "line ends differ";
  }
}
