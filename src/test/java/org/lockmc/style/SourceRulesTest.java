package org.lockmc.style;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The house rules that keep the code livable, checked on {@code src/main}: files stay small, only
 * the CLI exits the JVM or prints, and the package layering of docs/ARCHITECTURE.md holds (no
 * package cycles; the semantics layer depends on nothing else of lockmc).
 */
class SourceRulesTest {
  private static final Path MAIN = Path.of("src/main/java");
  private static final int MAX_LINES = 500;
  private static final Pattern IMPORT = Pattern.compile("^import (?:static )?(org\\.lockmc\\.[a-z.]+)\\.[A-Z]",
      Pattern.MULTILINE);

  /** Packages that may use nothing of lockmc but themselves and the listed ones. */
  private static final Map<String, Set<String>> ALLOWED = Map.of(
      "org.lockmc.model", Set.of(),
      "org.lockmc.engine.sync", Set.of(),
      "org.lockmc.runtime", Set.of("org.lockmc.engine.sync"));

  private static List<Path> sources() throws IOException {
    try (Stream<Path> s = Files.walk(MAIN)) {
      return s.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    }
  }

  private static String packageOf(Path file) {
    return MAIN.relativize(file.getParent()).toString().replace('/', '.');
  }

  @Test
  void filesStaySmall() throws IOException {
    List<String> big = new ArrayList<>();
    for (Path f : sources()) {
      long n = Files.readAllLines(f).size();
      if (n > MAX_LINES) {
        big.add(f + " has " + n + " lines (limit " + MAX_LINES + "): split it by responsibility");
      }
    }
    assertEquals(List.of(), big);
  }

  @Test
  void onlyTheCliExitsOrPrints() throws IOException {
    List<String> bad = new ArrayList<>();
    for (Path f : sources()) {
      String pkg = packageOf(f);
      String text = Files.readString(f);
      if (text.contains("System.exit(") && !f.endsWith("cli/Main.java")
          && !f.endsWith("jvm/Main.java")) {
        bad.add(f + " calls System.exit: only cli.Main (and the JVM harness's main) may");
      }
      if ((text.contains("System.out.") || text.contains("System.err."))
          && !pkg.startsWith("org.lockmc.cli") && !pkg.startsWith("org.lockmc.jvm")) {
        bad.add(f + " prints to System.out/err: only the CLI (and the JVM harness's main) may");
      }
    }
    assertEquals(List.of(), bad);
  }

  @Test
  void packageLayeringHolds() throws IOException {
    Map<String, Set<String>> deps = new TreeMap<>();
    for (Path f : sources()) {
      String pkg = packageOf(f);
      Matcher m = IMPORT.matcher(Files.readString(f));
      Set<String> d = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
      while (m.find()) {
        if (!m.group(1).equals(pkg)) {
          d.add(m.group(1));
        }
      }
    }
    List<String> bad = new ArrayList<>();
    ALLOWED.forEach((pkg, allowed) -> {
      for (String d : deps.getOrDefault(pkg, Set.of())) {
        if (!allowed.contains(d)) {
          bad.add(pkg + " depends on " + d);
        }
      }
    });
    bad.addAll(cycles(deps));
    assertEquals(List.of(), bad);
  }

  /** Package cycles, found by depth-first search. */
  private static List<String> cycles(Map<String, Set<String>> deps) {
    List<String> found = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>();
    for (String p : deps.keySet()) {
      visit(p, deps, state, new ArrayList<>(), found);
    }
    return found;
  }

  private static void visit(String p, Map<String, Set<String>> deps, Map<String, Integer> state,
      List<String> path, List<String> found) {
    Integer s = state.get(p);
    if (s != null && s == 2) {
      return;
    }
    if (s != null && s == 1) {
      found.add("package cycle: " + String.join(" -> ", path.subList(path.indexOf(p), path.size()))
          + " -> " + p);
      return;
    }
    state.put(p, 1);
    path.add(p);
    for (String d : deps.getOrDefault(p, Set.of())) {
      visit(d, deps, state, path, found);
    }
    path.remove(path.size() - 1);
    state.put(p, 2);
  }
}
