package org.lockmc.cli;

import java.io.PrintWriter;

/**
 * What the CLI prints to: standard output for results, standard error for progress. Colours and
 * the progress line appear only when standard output is a terminal.
 */
final class Console {
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean terminal;
  private boolean progressShown;

  /** A console writing to the command line's streams; colours only on a real terminal. */
  static Console of(picocli.CommandLine cl, boolean colour) {
    return new Console(cl.getOut(), cl.getErr(), colour);
  }

  Console(PrintWriter out, PrintWriter err, boolean colour) {
    this.out = out;
    this.err = err;
    this.terminal = colour && System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  PrintWriter out() {
    return out;
  }

  PrintWriter err() {
    return err;
  }

  String green(String s) {
    return terminal ? "\u001b[32m" + s + "\u001b[0m" : s;
  }

  String red(String s) {
    return terminal ? "\u001b[31m" + s + "\u001b[0m" : s;
  }

  String yellow(String s) {
    return terminal ? "\u001b[33m" + s + "\u001b[0m" : s;
  }

  String bold(String s) {
    return terminal ? "\u001b[1m" + s + "\u001b[0m" : s;
  }

  /** Rewrites the progress line (terminal only). */
  void progress(String line) {
    if (terminal) {
      err.print("\r\u001b[2K" + line);
      err.flush();
      progressShown = true;
    }
  }

  /** Clears the progress line. */
  void clearProgress() {
    if (progressShown) {
      err.print("\r\u001b[2K");
      err.flush();
      progressShown = false;
    }
  }
}
