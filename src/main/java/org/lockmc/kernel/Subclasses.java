package org.lockmc.kernel;

/** Lockdep's subclass range, {@code MAX_LOCKDEP_SUBCLASSES = 8}. */
final class Subclasses {
  private Subclasses() {}

  static int check(int subclass) {
    if (subclass < 0 || subclass >= 8) {
      throw new IllegalArgumentException("lockdep subclass " + subclass
          + " is out of range: lockdep allows 0 to 7 (MAX_LOCKDEP_SUBCLASSES)");
    }
    return subclass;
  }
}
