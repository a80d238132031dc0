package org.lockmc.lockdep;

/**
 * The four kinds of a dependency {@code prev -> next} ({@code __calc_dep_bit} in
 * kernel/locking/lockdep.c, v5.10+): whether {@code prev} was held exclusively (E, {@code read ==
 * 0}) or shared (S), and whether {@code next} was acquired as a recursive reader (R, {@code read ==
 * 2}) or not (N). An edge between two classes carries the mask of every kind recorded.
 *
 * <p>A path is <em>strong</em> when no {@code -(xR)->} step is followed by a {@code -(Sx)->} step;
 * lockdep reports a cycle only when it is a closed strong path (lockdep-design.rst, "Recursive read
 * locks").
 */
public final class Dep {
  public static final int SR = 0;
  public static final int ER = 1;
  public static final int SN = 2;
  public static final int EN = 3;

  /** Kinds whose {@code prev} was shared: not allowed right after an {@code xR} step. */
  static final int SHARED_PREV = (1 << SR) | (1 << SN);
  /** Kinds whose {@code next} was not a recursive reader. */
  static final int NON_RECURSIVE_NEXT = (1 << SN) | (1 << EN);

  private static final String[] NAMES = {"SR", "ER", "SN", "EN"};

  private Dep() {}

  /** The kind of {@code prev -> next} for the given read levels. */
  public static int bit(int prevRead, int nextRead) {
    return (prevRead == 0 ? 1 : 0) + (nextRead != 2 ? 2 : 0);
  }

  /** Whether {@code prev} was held exclusively. */
  public static boolean exclusivePrev(int bit) {
    return (bit & 1) != 0;
  }

  /** Whether {@code next} was acquired as a recursive reader. */
  public static boolean recursiveNext(int bit) {
    return (bit & 2) == 0;
  }

  /** {@code EN}, {@code SR}, ... */
  public static String name(int bit) {
    return NAMES[bit];
  }

  /** The kinds of {@code mask}, strongest first: {@code EN|SR}. */
  public static String names(int mask) {
    StringBuilder b = new StringBuilder();
    for (int bit = EN; bit >= SR; bit--) {
      if ((mask & (1 << bit)) != 0) {
        b.append(b.length() == 0 ? "" : "|").append(NAMES[bit]);
      }
    }
    return b.toString();
  }
}
