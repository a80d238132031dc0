package org.lockmc.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.lockmc.engine.ModelError;
import picocli.CommandLine;

/**
 * The command line: {@code lockmc check | report | replay | splat | list | bench | run | jpf}. The
 * composition root, and the
 * only place that exits the JVM.
 *
 * <p>Exit codes: 0 every result as expected, 1 an unexpected result, 2 a usage or model error
 * (one line, no stack trace), 3 an internal error (stack trace, and a plea to report it).
 */
@CommandLine.Command(
    name = "lockmc",
    mixinStandardHelpOptions = true,
    version = "lockmc " + Main.VERSION,
    description = "A lock-ordering and deadlock model checker for Linux kernel locking protocols.",
    subcommands = {CheckCommand.class, ReportCommand.class, ReplayCommand.class, SplatCommand.class,
        ListCommand.class, BenchCommand.class, RunCommand.class, JpfCommand.class})
public final class Main implements Runnable {
  /** lockmc's version, as {@code --version} and the SARIF log name it. */
  public static final String VERSION = "0.1.0";
  public static final int OK = 0;
  public static final int UNEXPECTED = 1;
  public static final int USAGE = 2;
  public static final int INTERNAL = 3;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "name a command: check, report, replay, splat, list, bench, run or jpf (lockmc --help)");
  }

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line with the given streams; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CommandLine cl = new CommandLine(new Main());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    cl.setParameterExceptionHandler((ex, a) -> {
      err.println("error: " + ex.getMessage());
      err.println("usage: " + ex.getCommandLine().getCommandSpec().qualifiedName()
          + " --help");
      return USAGE;
    });
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      if (ex instanceof ModelError) {
        err.println("error: " + ex.getMessage());
        return USAGE;
      }
      err.println("internal error: this is a bug in lockmc; please report it with the output below");
      ex.printStackTrace(err);
      return INTERNAL;
    });
    int code = cl.execute(args);
    cl.getOut().flush();
    cl.getErr().flush();
    return code;
  }
}
