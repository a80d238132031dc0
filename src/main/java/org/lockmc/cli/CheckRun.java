package org.lockmc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.lockmc.check.CheckOptions;
import org.lockmc.check.CheckResult;
import org.lockmc.check.Checker;
import org.lockmc.engine.Explorer;
import org.lockmc.lockdep.LockdepReport;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.report.JunitXml;
import org.lockmc.report.LockGraphRecorder;
import org.lockmc.report.ModelReport;
import org.lockmc.report.ReportWriter;
import org.lockmc.report.SarifReport;
import org.lockmc.report.SummaryJson;
import org.lockmc.report.TraceReport;

/**
 * What {@code check} and {@code report} share: explore each model (with the progress line), print
 * its verdict row and counterexamples as they come, and hand the results to the artefacts asked
 * for: the report folder, the SARIF log, the JUnit XML report, the JSON document on standard
 * output.
 *
 * <p>Files are written only for models whose exploration ended; the index and the SARIF and JUnit
 * files only once every model is done. An interrupted run therefore leaves complete model folders and no
 * half-written file.
 *
 * @param options the analyses besides the exploration (the lockdep view)
 * @param splats print every lockdep report in full (splats) instead of one line each
 * @param quiet show counterexamples only for unexpected results
 * @param json print the JSON document instead of the table and counterexamples
 * @param reportDir where to write the report folder, or null
 * @param sarif where to write the SARIF log, or null
 * @param junit where to write the JUnit XML report, or null
 */
record CheckRun(CheckOptions options, boolean splats, boolean quiet, boolean json, Path reportDir,
    Path sarif, Path junit) {

  /** Checks {@code models}, each with the configuration {@code configs} gives it; returns the exit code. */
  int run(Console console, List<ModelDefinition> models,
      Function<ModelDefinition, ExplorerConfig> configs) {
    // A folder that cannot be written is an error before any exploration, not after it.
    ReportWriter writer = reportDir == null ? null : new ReportWriter(reportDir);
    VerdictTable table = new VerdictTable(console, models);
    if (!json) {
      table.header();
    }
    List<ModelReport> reports = new ArrayList<>();
    AtomicReference<String> exploring = new AtomicReference<>("");
    // Ctrl-C: say how far the run got (model folders are only ever written whole).
    Thread onInterrupt = new Thread(() -> {
      int done;
      synchronized (reports) {
        done = reports.size();
      }
      console.err().printf(Locale.ROOT, "%ninterrupted: %d of %d models checked%s; every report"
          + " written is complete%n", done, models.size(), exploring.get());
      console.err().flush();
    });
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    String threads = "";
    long start = System.nanoTime();
    try {
      for (ModelDefinition m : models) {
        ModelReport report = explore(console, m, configs.apply(m), options, exploring);
        threads = report.result().threads();
        synchronized (reports) {
          reports.add(report);
        }
        if (writer != null) {
          writer.write(report);
        }
        if (!json) {
          table.row(report);
          if (!quiet || !report.asExpected()) {
            counterexamples(console, report);
            lockdep(console, report);
          }
        }
      }
    } finally {
      Runtime.getRuntime().removeShutdownHook(onInterrupt);
    }
    return finish(console, reports, writer, (System.nanoTime() - start) / 1e9, threads);
  }

  /** Explores one model with the progress line, and replays its counterexamples. */
  private static ModelReport explore(Console console, ModelDefinition m, ExplorerConfig config,
      CheckOptions options, AtomicReference<String> exploring) {
    LockGraphRecorder graph = options.lockdep() ? null : new LockGraphRecorder();
    Explorer explorer = Checker.explorer(m, config, Checker.strategy(config))
        .progress((n, elapsed) -> {
          exploring.set(String.format(Locale.ROOT, " (%s was at %,d executions)", m.name(), n));
          console.progress(String.format(Locale.ROOT, "  %s: %,d executions (%,.0f/s)", m.name(),
              n, n / Math.max(1e-3, elapsed.toNanos() / 1e9)));
        });
    if (graph != null) {
      explorer.listener(graph);
    }
    CheckResult c = Checker.run(explorer, m, options);
    console.clearProgress();
    exploring.set("");
    return ModelReport.of(c, graph);
  }

  /** Writes what needs every model (index, SARIF, JUnit, JSON) and the closing line. */
  private int finish(Console console, List<ModelReport> reports, ReportWriter writer, double secs,
      String threads) {
    int unexpected = 0;
    for (ModelReport r : reports) {
      unexpected += r.asExpected() ? 0 : 1;
    }
    int code = unexpected == 0 ? Main.OK : Main.UNEXPECTED;
    if (writer != null) {
      writer.writeIndex(reports);
      writer.prune(reports.stream().map(ModelReport::name).toList());
    }
    if (sarif != null) {
      writeAtomically(sarif, SarifReport.render(reports, Main.VERSION));
    }
    if (junit != null) {
      writeAtomically(junit, JunitXml.render(reports));
    }
    if (json) {
      console.out().print(SummaryJson.results(reports));
      console.out().flush();
      return code;
    }
    console.out().printf(Locale.ROOT,
        "%d model%s checked in %.1fs on %s threads: %d as expected, %d unexpected%n",
        reports.size(), reports.size() == 1 ? "" : "s", secs, threads,
        reports.size() - unexpected, unexpected);
    if (writer != null) {
      console.out().println("report: " + reportDir.resolve("index.html") + " (and one folder per"
          + " model)");
    }
    if (sarif != null) {
      console.out().println("sarif: " + sarif);
    }
    if (junit != null) {
      console.out().println("junit: " + junit);
    }
    return code;
  }

  private static void counterexamples(Console console, ModelReport report) {
    for (int i = 0; i < report.witnesses().size(); i++) {
      console.out().println();
      console.out().print(indent(TraceReport.section(report.witnesses().get(i), null)));
    }
    if (!report.witnesses().isEmpty()) {
      console.out().println();
    }
  }

  /** The lockdep view: one line per report, or every report in full with {@code --lockdep}. */
  private void lockdep(Console console, ModelReport report) {
    LockdepReport l = report.check().lockdep();
    if (l == null) {
      return;
    }
    if (splats) {
      console.out().println(indent(l.text()));
    } else if (!l.brief().isEmpty()) {
      for (String line : l.brief()) {
        console.out().println("    " + line);
      }
      console.out().println();
    }
  }

  /** Writes {@code text} to a temporary file beside {@code file}, then moves it into place. */
  static void writeAtomically(Path file, String text) {
    Path abs = file.toAbsolutePath();
    try {
      Files.createDirectories(abs.getParent());
      Path temp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, abs, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new ModelError("cannot write " + file + ": " + e.getMessage());
    }
  }

  static String indent(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.isEmpty()) {
        b.append("    ").append(line);
      }
      b.append('\n');
    }
    return b.substring(0, b.length() - 1);
  }
}
