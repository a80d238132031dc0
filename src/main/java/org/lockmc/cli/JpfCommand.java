package org.lockmc.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.lockmc.check.Checker;
import org.lockmc.config.JpfConfigs;
import org.lockmc.config.JpfFile;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.jpf.Comparison;
import org.lockmc.jpf.JpfClasspath;
import org.lockmc.jpf.JpfInstallation;
import org.lockmc.jpf.JpfRunner;
import picocli.CommandLine;

/**
 * {@code lockmc jpf}: checks models with an installed Java PathFinder and with lockmc's engine,
 * and prints the two verdicts side by side; {@code --write-configs} regenerates {@code
 * jpf-configs/}.
 */
@CommandLine.Command(name = "jpf", mixinStandardHelpOptions = true,
    description = {"Runs Java PathFinder (JPF_HOME: a jpf-core built from its java-17 branch;"
        + " JPF_JAVA: a JDK 17 to run it, if lockmc runs on another) on each model's .jpf file"
        + " and lockmc's engine on the same model, and prints both verdicts side by side.",
        "lockmc DEADLOCK or HANG = JPF deadlock (every thread waiting); VIOLATION = JPF uncaught"
            + " exception; SAFE = JPF no errors; LIVELOCK has no JPF counterpart.",
        "Exit code 1 when a verdict differs or JPF fails on a model (a JPF timeout is reported,"
            + " not failed)."})
final class JpfCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @CommandLine.Mixin ExplorationOptions exploration = new ExplorationOptions();
  @CommandLine.Mixin LocatorOptions locator = new LocatorOptions();

  @CommandLine.Option(names = "--write-configs",
      description = "Regenerate jpf-configs/ (one .jpf per model of the library) and exit.")
  boolean writeConfigs;

  @CommandLine.Option(names = "--jpf-time-limit", paramLabel = "DURATION",
      description = "Stop JPF on a model after this long (default: 10m).")
  String jpfTimeLimit = "10m";

  @CommandLine.Option(names = "--output", description = "Also print everything JPF printed.")
  boolean output;

  @CommandLine.Parameters(arity = "0..*", paramLabel = "TARGET",
      description = "Models (default: the model library).")
  List<String> targets = new ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    List<String> t = targets.isEmpty() ? List.of(locator.models.toString()) : targets;
    if (writeConfigs) {
      // only a regeneration of the whole library may remove files of models that are gone
      return write(locator.locateAll(t), targets.isEmpty());
    }
    JpfInstallation jpf = JpfInstallation.find(System.getenv());
    Duration limit = ExplorationOptions.duration(spec.commandLine(), jpfTimeLimit);
    List<LocatorOptions.Located> located = locator.locateTargets(t);
    Path models = JpfClasspath.compileModels(sources(t), Path.of(""));
    try {
      List<Path> classpath = List.of(JpfClasspath.lockmcClasses(), models);
      JpfRunner runner = new JpfRunner(jpf, limit);
      ComparisonTable table = new ComparisonTable(System.out, located);
      table.header();
      int failures = 0;
      for (LocatorOptions.Located l : located) {
        Comparison c = compare(l, runner, classpath, table);
        // a disagreement, or a JPF that failed on the model; a JPF timeout decides nothing
        if (c.agreement() == Comparison.Agreement.NO
            || c.jpf().status() == org.lockmc.jpf.JpfResult.Status.JPF_ERROR) {
          failures++;
        }
      }
      table.legend();
      return failures == 0 ? Main.OK : Main.UNEXPECTED;
    } finally {
      JpfClasspath.delete(models);
    }
  }

  private Comparison compare(LocatorOptions.Located l, JpfRunner runner, List<Path> classpath,
      ComparisonTable table) throws InterruptedException {
    ModelDefinition m = l.model();
    Path config = l.jpf() != null ? Path.of(l.jpf().where()) : Path.of(JpfConfigs.path(m.name()));
    Path generated = null;
    if (!Files.isRegularFile(config)) {
      generated = writeTemp(m);
      config = generated;
    }
    try {
      JpfFile file = JpfFile.read(config, config.toString());
      ExplorerConfig c = exploration.config(spec.commandLine(),
          file.applyTo(ExplorerConfig.DEFAULTS));
      ExplorationResult r = Checker.check(m, c).exploration();
      JpfRunner.Run run = runner.run(config, classpath);
      Comparison cmp = new Comparison(m.name(), r, run.result());
      table.row(cmp);
      if (output) {
        System.out.println(run.output());
      }
      System.out.flush();
      return cmp;
    } finally {
      if (generated != null) {
        JpfClasspath.delete(generated.getParent());
      }
    }
  }

  private static Path writeTemp(ModelDefinition m) {
    try {
      Path dir = Files.createTempDirectory("lockmc-jpf-config");
      Path file = dir.resolve(m.type().getSimpleName() + ".jpf");
      Files.writeString(file, JpfConfigs.render(m.name(), m.expect()), StandardCharsets.UTF_8);
      return file;
    } catch (IOException e) {
      throw new ModelError("cannot write a .jpf file for " + m.name() + ": " + e.getMessage());
    }
  }

  /** The sources JPF needs compiled: the model library, and any .java file or folder named. */
  private List<Path> sources(List<String> targets) {
    List<Path> roots = new ArrayList<>();
    if (Files.isDirectory(locator.models)) {
      roots.add(locator.models);
    }
    for (String t : targets) {
      Path p = Path.of(t);
      if ((t.endsWith(".java") && Files.isRegularFile(p)) || Files.isDirectory(p)) {
        if (!p.toAbsolutePath().normalize().startsWith(locator.models.toAbsolutePath().normalize())) {
          roots.add(p);
        }
      }
    }
    return JpfClasspath.javaFiles(roots);
  }

  private int write(List<ModelDefinition> models, boolean removeStale) {
    Map<String, String> files = JpfConfigs.renderAll(models);
    try {
      int removed = JpfConfigs.write(Path.of(""), files, removeStale);
      System.out.println("wrote " + files.size() + " file" + (files.size() == 1 ? "" : "s")
          + " under " + JpfConfigs.DIR + "/" + (removed == 0 ? "" : ", removed " + removed
          + " stale"));
    } catch (IOException e) {
      throw new ModelError("cannot write " + JpfConfigs.DIR + "/: " + e.getMessage());
    }
    return Main.OK;
  }
}
