package org.lockmc.jpf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lockmc.engine.ModelError;

/**
 * A locally built jpf-core and the Java 17 runtime that runs it. JPF is not on Maven Central:
 * users build it themselves (outside this repository) and point {@code JPF_HOME} at it. Its
 * {@code java-17} branch models the Java 17 class library, so it must run on a JDK 17 whatever
 * JDK lockmc runs on: {@code JPF_JAVA} (a {@code java} executable or a JDK folder) names it, or
 * one is looked for among the installed JDKs.
 *
 * @param home the jpf-core folder ({@code JPF_HOME})
 * @param runJpf its launcher, {@code build/RunJPF.jar}
 * @param java the {@code java} executable of a JDK 17
 */
public record JpfInstallation(Path home, Path runJpf, Path java) {
  /** The one-line explanation printed when {@code JPF_HOME} is not set. */
  public static final String NOT_INSTALLED = "JPF_HOME is not set; build jpf-core (java-17 branch)"
      + " outside this repository and point JPF_HOME at it (see README \"Java PathFinder\")";

  /** Whether {@code env} names a JPF installation at all (not whether it is usable). */
  public static boolean configured(Map<String, String> env) {
    String home = env.get("JPF_HOME");
    return home != null && !home.isBlank();
  }

  /** The installation {@code env} names; a missing or unusable one is a one-line error. */
  public static JpfInstallation find(Map<String, String> env) {
    if (!configured(env)) {
      throw new ModelError(NOT_INSTALLED);
    }
    Path home = Path.of(env.get("JPF_HOME"));
    Path jar = home.resolve("build").resolve("RunJPF.jar");
    if (!Files.isRegularFile(jar)) {
      throw new ModelError("JPF_HOME=" + home + " has no build/RunJPF.jar; build jpf-core there"
          + " first (see README \"Java PathFinder\")");
    }
    return new JpfInstallation(home, jar, java17(env));
  }

  private static Path java17(Map<String, String> env) {
    String named = env.get("JPF_JAVA");
    if (named != null && !named.isBlank()) {
      Path p = Path.of(named);
      Path exe = Files.isDirectory(p) ? p.resolve("bin").resolve("java") : p;
      if (!Files.isExecutable(exe)) {
        throw new ModelError("JPF_JAVA=" + named + " is neither a java executable nor a JDK folder");
      }
      return exe;
    }
    if (Runtime.version().feature() == 17) {
      return Path.of(System.getProperty("java.home"), "bin", "java");
    }
    for (Path jdk : candidates(env)) {
      if ("17".equals(feature(jdk)) && Files.isExecutable(jdk.resolve("bin").resolve("java"))) {
        return jdk.resolve("bin").resolve("java");
      }
    }
    throw new ModelError("JPF's java-17 branch needs a Java 17 runtime and none was found (this"
        + " is Java " + Runtime.version().feature() + "); set JPF_JAVA to a JDK 17");
  }

  /** JDK folders to look at: JAVA_HOME, then every folder of /usr/lib/jvm, sorted. */
  private static List<Path> candidates(Map<String, String> env) {
    List<Path> out = new ArrayList<>();
    String javaHome = env.get("JAVA_HOME");
    if (javaHome != null && !javaHome.isBlank()) {
      out.add(Path.of(javaHome));
    }
    List<Path> jvms = new ArrayList<>();
    Path root = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(root)) {
      try (DirectoryStream<Path> s = Files.newDirectoryStream(root)) {
        for (Path p : s) {
          jvms.add(p);
        }
      } catch (IOException e) {
        // no candidates there
      }
    }
    jvms.sort(null);
    out.addAll(jvms);
    return out;
  }

  /** The feature version in {@code jdk/release} ({@code JAVA_VERSION="17.0.12"} gives 17), or null. */
  static String feature(Path jdk) {
    Path release = jdk.resolve("release");
    if (!Files.isRegularFile(release)) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
        if (line.startsWith("JAVA_VERSION=\"")) {
          String v = line.substring("JAVA_VERSION=\"".length());
          int end = 0;
          while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
          }
          return v.substring(0, end);
        }
      }
    } catch (IOException e) {
      return null;
    }
    return null;
  }
}
