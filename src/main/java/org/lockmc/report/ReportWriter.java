package org.lockmc.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lockmc.engine.ModelError;

/**
 * Writes the report folder: {@code <dir>/<model>/} per model ({@code summary.json}, {@code
 * trace.txt}, {@code schedule*.txt}, {@code lockdep.txt} when the lockdep analysis ran) and
 * {@code <dir>/index.html}.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>a model's folder is replaced as a whole: it is written into a hidden temporary folder
 *       beside it and then moved into place, so an interrupted run leaves either the old report or
 *       the new one, never half of one (leftover temporary folders are removed by the next run);
 *   <li>the files' bytes depend only on the reports ({@link #files} is a pure function);
 *   <li>{@link #prune} removes only folders that hold a lockmc {@code summary.json}, never
 *       anything else a user keeps in the folder.
 * </ul>
 */
public final class ReportWriter {
  private static final String TEMP = ".lockmc-tmp-";
  private static final String OLD = ".lockmc-old-";
  private final Path dir;

  /** A writer into {@code dir} (created when missing); leftovers of an interrupted run go. */
  public ReportWriter(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      for (Path p : list(dir)) {
        String name = p.getFileName().toString();
        if (name.startsWith(TEMP) || name.startsWith(OLD)) {
          delete(p);
        }
      }
    } catch (IOException e) {
      throw cannot(dir, e);
    }
  }

  /** The files of one model's folder, by name, in a fixed order. */
  public static Map<String, String> files(ModelReport r) {
    Map<String, String> files = new LinkedHashMap<>();
    files.put("summary.json", SummaryJson.render(r));
    files.put("trace.txt", TraceReport.render(r));
    for (int i = 0; i < r.witnesses().size(); i++) {
      files.put(r.scheduleFile(i), r.schedule(i));
    }
    if (r.lockdepText() != null) {
      files.put("lockdep.txt", r.lockdepText());
    }
    return files;
  }

  /** Replaces {@code <dir>/<model>/} with the report of {@code r}. */
  public void write(ModelReport r) {
    Path target = dir.resolve(r.name());
    Path temp = dir.resolve(TEMP + r.name());
    Path old = dir.resolve(OLD + r.name());
    try {
      Files.createDirectories(temp);
      for (Map.Entry<String, String> f : files(r).entrySet()) {
        Files.writeString(temp.resolve(f.getKey()), f.getValue(), StandardCharsets.UTF_8);
      }
      if (Files.exists(target)) {
        move(target, old);
      }
      move(temp, target);
      if (Files.exists(old)) {
        delete(old);
      }
    } catch (IOException e) {
      throw cannot(target, e);
    }
  }

  /** Replaces {@code <dir>/index.html} with the page of {@code reports}. */
  public void writeIndex(List<ModelReport> reports) {
    Path index = dir.resolve("index.html");
    Path temp = dir.resolve(TEMP + "index.html");
    try {
      Files.writeString(temp, IndexHtml.render(reports), StandardCharsets.UTF_8);
      move(temp, index);
    } catch (IOException e) {
      throw cannot(index, e);
    }
  }

  /**
   * Removes the report folders of models not in {@code keep}, so that the folder mirrors the run
   * (a renamed or deleted model leaves no stale report); returns their names, sorted.
   */
  public List<String> prune(Collection<String> keep) {
    List<String> removed = new ArrayList<>();
    try {
      for (Path p : list(dir)) {
        String name = p.getFileName().toString();
        if (Files.isDirectory(p) && !keep.contains(name) && isReport(p)) {
          delete(p);
          removed.add(name);
        }
      }
    } catch (IOException e) {
      throw cannot(dir, e);
    }
    removed.sort(null);
    return removed;
  }

  private static boolean isReport(Path folder) throws IOException {
    Path summary = folder.resolve("summary.json");
    if (!Files.isRegularFile(summary)) {
      return false;
    }
    String text = Files.readString(summary, StandardCharsets.UTF_8);
    return text.startsWith("{\n  \"format\": ") && text.contains("\n  \"model\": ");
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(out::add);
    }
    out.sort(null);
    return out;
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }

  private static ModelError cannot(Path p, IOException e) {
    return new ModelError("cannot write the report " + p + ": " + e.getMessage());
  }
}
