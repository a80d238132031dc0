package org.lockmc.jvm;

import java.io.File;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.time.Duration;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.ModelError;
import org.lockmc.engine.sync.Semantics;

/**
 * The harness entry point: {@code org.lockmc.jvm.Main <model class> [--trace] [--classpath
 * dir:dir]} runs one model on real threads. It is the {@code target} of every {@code
 * jpf-configs/*.jpf}. {@code --trace} prints one line per kernel operation (under JPF, with
 * {@code report.console.property_violation} including {@code output}, the lines of the error
 * path are the model-level trace of the error; they cost JPF states, so they are off by
 * default).
 *
 * <p>Under Java PathFinder (recognised by JPF's {@code gov.nasa.jpf.vm.Verify} class on the
 * application class path, which every JPF run has) it only starts the tasks: JPF explores their
 * interleavings and reports deadlocks (every thread waiting) and uncaught {@code
 * AssertionError}s itself. On the plain JVM it runs the model once and prints what it saw.
 *
 * <p>Exit codes on the plain JVM: 0 the run ended cleanly, 1 a problem was seen, 2 a usage or
 * model error.
 */
public final class Main {
  /** How long a plain-JVM run may take before its running tasks are reported as unfinished. */
  static final Duration RUN_LIMIT = Duration.ofSeconds(60);

  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    String model = null;
    String classpath = null;
    boolean trace = false;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--classpath") && i + 1 < args.length) {
        classpath = args[++i];
      } else if (args[i].equals("--trace")) {
        trace = true;
      } else if (model == null && !args[i].startsWith("-")) {
        model = args[i];
      } else {
        usage("unexpected argument '" + args[i] + "'");
      }
    }
    if (model == null) {
      usage("name a model class");
    }
    try {
      Class<?> type = Class.forName(model, true, loader(classpath));
      PrintStream log = trace ? System.out : null;
      if (underJpf()) {
        JvmHarness.startUnderJpf(type, JvmHarness.tasksOf(type), log);
        return;
      }
      JvmOutcome outcome = JvmHarness.run(type, JvmHarness.tasksOf(type), Semantics.KERNEL, log,
          RUN_LIMIT);
      System.out.print(outcome.render(model));
      System.out.flush();
      System.exit(outcome.clean() ? 0 : 1);
    } catch (ClassNotFoundException e) {
      usage("no model class " + model + " on the class path"
          + (classpath == null ? " (add --classpath DIR)" : " or in " + classpath));
    } catch (ModelError e) {
      usage(e.getMessage());
    }
  }

  private static ClassLoader loader(String classpath) {
    ClassLoader parent = Main.class.getClassLoader();
    if (classpath == null) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (String dir : classpath.split(File.pathSeparator)) {
      try {
        urls.add(new File(dir).toURI().toURL());
      } catch (MalformedURLException e) {
        usage("bad class path entry " + dir);
      }
    }
    return new URLClassLoader(urls.toArray(new URL[0]), parent);
  }

  /** Whether this program runs inside JPF's VM. */
  static boolean underJpf() {
    try {
      Class.forName("gov.nasa.jpf.vm.Verify", false, Main.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static void usage(String message) {
    System.err.println("error: " + message);
    System.err.println("usage: org.lockmc.jvm.Main <model class> [--trace] [--classpath DIR"
        + File.pathSeparator + "DIR...]");
    System.exit(2);
  }
}
