package org.lockmc.cli;

import java.io.PrintStream;

/**
 * What the CLI prints to: standard output for results, standard error for progress. Colours and
 * the progress line appear only when standard output is a terminal.
 */
final class Console {
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;
  private boolean progressShown;

  Console(PrintStream out, PrintStream err, boolean colour) {
    this.out = out;
    this.err = err;
    this.terminal = colour && System.console() != null && !"dumb".equals(System.getenv("TERM"));
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  String green(String s) {
    return terminal ? "\u001b[32m" + s + "\u001b[0m" : s;
  }

  String red(String s) {
    return terminal ? "\u001b[31m" + s + "\u001b[0m" : s;
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
