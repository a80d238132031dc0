package org.lockmc.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelError;

/**
 * One {@code .jpf} file, in Java PathFinder's properties format: the model it runs (the first
 * {@code target.args} value, with {@code target} naming lockmc's harness) and lockmc's own
 * options ({@code lockmc.*} keys). JPF's keys are kept as read but otherwise ignored: lockmc only
 * needs to know which model the file runs.
 *
 * <p>Invariant: a {@code JpfFile} that was built has a model name and only valid {@code lockmc.*}
 * keys; every problem is a {@link ModelError} naming the file and line.
 */
public final class JpfFile {
  /** The harness main class every lockmc {@code .jpf} targets. */
  public static final String HARNESS = "org.lockmc.jvm.Main";

  private final String where;
  private final Map<String, Entry> entries;
  private final String model;

  /** One {@code key = value} line. */
  private record Entry(String value, int line) {}

  private JpfFile(String where, Map<String, Entry> entries, String model) {
    this.where = where;
    this.entries = entries;
    this.model = model;
  }

  /** Reads and validates {@code file}; {@code shown} is how messages name it. */
  public static JpfFile read(Path file, String shown) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw ModelError.cannotRead(shown, e);
    }
    return parse(text, shown);
  }

  /** Parses and validates the text of a {@code .jpf} file named {@code where} in messages. */
  public static JpfFile parse(String text, String where) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int first = i + 1;
      String start = lines[i].strip();
      // as in java.util.Properties, a comment line is never continued
      if (start.isEmpty() || start.startsWith("#") || start.startsWith("!")) {
        continue;
      }
      StringBuilder logical = new StringBuilder(start);
      while (endsWithContinuation(logical) && i + 1 < lines.length) {
        logical.setLength(logical.length() - 1);
        logical.append(lines[++i].strip());
      }
      String line = logical.toString();
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new ModelError(where + ":" + first + ": expected 'key = value', found '" + line + "'");
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.startsWith(LockmcKeys.PREFIX)) {
        LockmcKeys.check(key, where + ":" + first);
      }
      entries.put(key, new Entry(value, first));
    }
    return new JpfFile(where, entries, modelOf(where, entries));
  }

  private static boolean endsWithContinuation(StringBuilder line) {
    int backslashes = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }

  private static String modelOf(String where, Map<String, Entry> entries) {
    Entry target = entries.get("target");
    if (target == null) {
      throw new ModelError(where + ": no 'target' key; a lockmc .jpf has 'target = " + HARNESS
          + "' and 'target.args = <model class>'");
    }
    if (!target.value().equals(HARNESS)) {
      throw new ModelError(where + ":" + target.line() + ": target = " + target.value()
          + " is not lockmc's harness; lockmc can only check .jpf files with 'target = "
          + HARNESS + "'");
    }
    Entry args = entries.get("target.args");
    if (args != null) {
      for (String a : args.value().split(",")) {
        String arg = a.strip();
        if (!arg.isEmpty() && !arg.startsWith("-")) {
          return arg;
        }
      }
    }
    int line = args == null ? target.line() : args.line();
    throw new ModelError(where + ":" + line + ": no model: 'target.args' must name the model"
        + " class, e.g. 'target.args = basics.AbbaDeadlock'");
  }

  /** The model class the file runs, e.g. {@code basics.AbbaDeadlock}. */
  public String model() {
    return model;
  }

  /** How messages name the file. */
  public String where() {
    return where;
  }

  /** The value of {@code key}, or null. */
  public String get(String key) {
    Entry e = entries.get(key);
    return e == null ? null : e.value();
  }

  /** The {@code lockmc.*} keys present, in file order. */
  public List<String> lockmcKeys() {
    List<String> keys = new ArrayList<>();
    for (String k : entries.keySet()) {
      if (k.startsWith(LockmcKeys.PREFIX)) {
        keys.add(k);
      }
    }
    return keys;
  }

  /** {@code base} with this file's {@code lockmc.*} options applied; a bad value is an error. */
  public ExplorerConfig applyTo(ExplorerConfig base) {
    ExplorerConfig c = base;
    for (String key : lockmcKeys()) {
      Entry e = entries.get(key);
      c = LockmcKeys.apply(c, key, e.value(), where + ":" + e.line());
    }
    return c;
  }
}
