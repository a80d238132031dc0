package org.lockmc.lockdep;

import java.util.Locale;

/**
 * Which lockdep the recorder imitates. The rules differ only for recursive reads ({@code read ==
 * 2}: {@code lock_map_acquire_read}, {@code srcu_read_lock}) and for {@code lock_sync()}.
 *
 * <ul>
 *   <li>{@link #V5_10}: lockdep since Boqun Feng's recursive-read series (v5.10) and {@code
 *       lock_sync()} (v6.4): every acquisition stores typed dependencies (SR/ER/SN/EN) and a cycle
 *       is reported only when it is a closed <em>strong</em> path; {@code synchronize_srcu} is
 *       validated as an exclusive acquisition that is never held.
 *   <li>{@link #PRE_5_10}: earlier lockdep: read-2 acquisitions were checked but stored no
 *       dependency, read-2 holders gave no dependency to what was taken under them, every stored
 *       edge counted as exclusive, and {@code synchronize_srcu} was not annotated. This is how
 *       the home-brewed recursive hotplug locks of 2017 evaded lockdep (seed 003).
 * </ul>
 */
public enum LockdepRules {
  V5_10("5.10+"),
  PRE_5_10("pre-5.10");

  private final String label;

  LockdepRules(String label) {
    this.label = label;
  }

  /** {@code 5.10+} or {@code pre-5.10}, as reports print it. */
  public String label() {
    return label;
  }

  /** Whether read-2 acquisitions store dependencies and cycles are typed (strong paths). */
  public boolean typedDependencies() {
    return this == V5_10;
  }

  /** Whether {@code lock_sync()} ({@code synchronize_srcu}) is validated. */
  public boolean hasLockSync() {
    return this == V5_10;
  }

  /** The rules of the lockdep in kernel {@code major.minor}. */
  public static LockdepRules forKernel(int major, int minor) {
    return major > 5 || (major == 5 && minor >= 10) ? V5_10 : PRE_5_10;
  }

  /** Parses {@code 5.10}, {@code 5.10+}, {@code modern}, {@code pre-5.10} or {@code legacy}. */
  public static LockdepRules parse(String text) {
    switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "5.10":
      case "5.10+":
      case "modern":
        return V5_10;
      case "pre-5.10":
      case "legacy":
        return PRE_5_10;
      default:
        throw new IllegalArgumentException("unknown lockdep rules '" + text
            + "': use 5.10 (the default) or pre-5.10");
    }
  }
}
