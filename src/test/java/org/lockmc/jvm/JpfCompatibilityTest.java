package org.lockmc.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The code Java PathFinder executes (the harness, the primitives' handles and semantics, the
 * runtime binding) uses nothing JPF's java-17 branch is known to mishandle, so that a model that
 * runs on the JVM also runs under JPF even where no JPF is installed to prove it.
 */
class JpfCompatibilityTest {
  private static final List<String> PACKAGES = List.of("org/lockmc/jvm", "org/lockmc/kernel",
      "org/lockmc/engine/sync", "org/lockmc/runtime");

  /** A construct, and why JPF cannot take it. */
  private record Rule(String text, String why) {}

  private static final List<Rule> RULES = List.of(
      new Rule("::", "a method reference that needs boxing (Integer::sum) is called without it"),
      new Rule("String.format(", "formatting is slow and state-heavy under JPF"),
      new Rule(".stream()", "streams are state-heavy under JPF"),
      new Rule("getParameterCount(", "JPF's Method lacks it (use getParameterTypes().length)"));

  @Test
  void codeThatJpfRunsAvoidsWhatJpfMishandles() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String pkg : PACKAGES) {
      try (Stream<Path> files = Files.list(Path.of("src/main/java").resolve(pkg))) {
        for (Path f : files.sorted().toList()) {
          List<String> lines = Files.readAllLines(f);
          for (int i = 0; i < lines.size(); i++) {
            String code = lines.get(i).strip();
            if (code.startsWith("*") || code.startsWith("/*") || code.startsWith("//")) {
              continue;
            }
            for (Rule r : RULES) {
              if (code.contains(r.text())) {
                problems.add(f + ":" + (i + 1) + ": " + r.text() + " -- " + r.why());
              }
            }
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /**
   * JPF names the class it makes for a lambda or method reference {@code Enclosing$N}, N being
   * the call site's bootstrap-method index, while javac names anonymous classes and enum switch
   * maps {@code Enclosing$1, $2...}: when both exist JPF calls the lambda's method on javac's
   * class ({@code NoSuchMethodError: BitWordState$1.apply}). No class JPF runs (lockmc's or a
   * library model's) may have a bootstrap index that is also one of its javac class numbers.
   */
  @Test
  void jpfsLambdaClassesDoNotTakeTheNamesOfJavacsNestedClasses() throws IOException {
    List<String> problems = new ArrayList<>();
    for (String pkg : PACKAGES) {
      problems.addAll(BootstrapNames.clashes(Path.of("target/classes").resolve(pkg)));
    }
    try (Stream<Path> dirs = Files.list(Path.of("models"))) {
      for (Path d : dirs.filter(Files::isDirectory).sorted().toList()) {
        problems.addAll(BootstrapNames.clashes(Path.of("target/test-classes")
            .resolve(d.getFileName().toString())));
      }
    }
    assertEquals(List.of(), problems);
  }
}
