package org.lockmc.jpf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.lockmc.engine.ModelError;

/**
 * Runs JPF as a separate process on one {@code .jpf} file, with a time limit, and reads its
 * verdict. lockmc's settings for the comparison are passed as JPF command-line properties, which
 * override the file's: the class path (lockmc's classes and the compiled models), every error
 * rather than the first ({@code search.multiple_errors}), and no traces (only the verdict is
 * read).
 */
public final class JpfRunner {
  /**
   * The module flags jpf-core's own build runs JPF with: its native peers (java.util.Random's,
   * which {@code Kernel.choose} reaches) use JDK internals.
   */
  public static final List<String> JVM_FLAGS = List.of(
      "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED",
      "--add-opens", "java.base/java.lang=ALL-UNNAMED",
      "--add-opens", "java.base/java.util=ALL-UNNAMED");

  private final JpfInstallation jpf;
  private final Duration timeLimit;

  /** One run: the verdict, and everything JPF printed. */
  public record Run(JpfResult result, String output) {}

  public JpfRunner(JpfInstallation jpf, Duration timeLimit) {
    this.jpf = jpf;
    this.timeLimit = timeLimit;
  }

  /** The command that runs JPF on {@code config} with {@code classpath} (lockmc's, the models'). */
  public List<String> command(Path config, List<Path> classpath) {
    List<String> cmd = new ArrayList<>();
    cmd.add(jpf.java().toString());
    cmd.addAll(JVM_FLAGS);
    cmd.add("-jar");
    cmd.add(jpf.runJpf().toString());
    StringBuilder cp = new StringBuilder();
    for (Path p : classpath) {
      cp.append(cp.length() == 0 ? "" : ";").append(p.toAbsolutePath());
    }
    cmd.add("+classpath=" + cp);
    cmd.add("+search.multiple_errors=true");
    cmd.add("+report.console.property_violation=error");
    cmd.add("+vm.tree_output=false");
    cmd.add(config.toAbsolutePath().toString());
    return cmd;
  }

  /** Runs JPF on {@code config}; stops it at the time limit. */
  public Run run(Path config, List<Path> classpath) throws InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command(config, classpath)).redirectErrorStream(true);
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new ModelError("cannot start JPF (" + jpf.java() + "): " + e.getMessage());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread reader = new Thread(() -> copy(p.getInputStream(), out), "jpf output");
    reader.setDaemon(true);
    reader.start();
    boolean ended = p.waitFor(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
    if (!ended) {
      p.destroyForcibly();
      p.waitFor();
    }
    reader.join(10_000);
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
    String text;
    synchronized (out) {
      text = out.toString(StandardCharsets.UTF_8);
    }
    if (!ended) {
      return new Run(new JpfResult(JpfResult.Status.TIMEOUT, JpfOutputParser.errorsSoFar(text), -1,
          elapsed, "stopped after " + org.lockmc.config.Durations.format(timeLimit)), text);
    }
    return new Run(JpfOutputParser.parse(text, elapsed), text);
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buf = new byte[8192];
    try {
      for (int n; (n = in.read(buf)) > 0; ) {
        synchronized (out) {
          out.write(buf, 0, n);
        }
      }
    } catch (IOException e) {
      // the process was stopped; what was read is kept
    }
  }
}
