package org.lockmc.cli;

import org.lockmc.check.CheckOptions;
import org.lockmc.lockdep.LockdepRules;
import picocli.CommandLine;

/** The lockdep options shared by {@code check} and {@code bench}. */
final class LockdepOptions {
  @CommandLine.Option(names = "--no-lockdep",
      description = "Do not record the lockdep view (to measure its cost).")
  boolean off;

  @CommandLine.Option(names = "--lockdep-rules", paramLabel = "5.10|pre-5.10",
      description = "Lockdep's rules: 5.10 (typed recursive-read dependencies, lock_sync; the"
          + " default) or pre-5.10 (recursive reads store no dependencies).")
  String rules = "5.10";

  CheckOptions options(CommandLine cl) {
    return CheckOptions.DEFAULT.withLockdep(!off).withRules(rules(cl, rules));
  }

  static LockdepRules rules(CommandLine cl, String text) {
    try {
      return LockdepRules.parse(text);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(cl, "--lockdep-rules: " + e.getMessage());
    }
  }
}
