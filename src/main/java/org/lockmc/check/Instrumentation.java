package org.lockmc.check;

import java.util.function.UnaryOperator;

/**
 * The rewriting applied to every model class when it is loaded. Shared-field instrumentation is
 * added by the instrument package; until a model class is rewritten, its plain fields are not
 * scheduling points.
 */
public final class Instrumentation {
  private Instrumentation() {}

  /** The transformer for model classes. */
  public static UnaryOperator<byte[]> transformer() {
    return bytes -> bytes;
  }
}
