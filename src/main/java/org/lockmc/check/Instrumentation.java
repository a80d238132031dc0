package org.lockmc.check;

import org.lockmc.instrument.ClassTransformer;
import org.lockmc.instrument.ModelTransformer;
import org.lockmc.instrument.ModelVerifier;

/**
 * The rewriting applied to every model class when it is loaded: {@link ModelVerifier} first
 * rejects the constructs a model must not use (one error, before any exploration), then {@link
 * ModelTransformer} makes every access to a model's non-final fields and arrays a scheduling
 * point.
 */
public final class Instrumentation {
  private Instrumentation() {}

  /** The transformer for model classes. */
  public static ClassTransformer transformer() {
    return transformer(true);
  }

  /**
   * The transformer, with or without the field and array hooks. Without them the verifier still
   * runs, but shared memory is invisible to the explorer: for measuring the hooks' cost only.
   */
  public static ClassTransformer transformer(boolean memoryHooks) {
    return (name, bytes, classpath) -> {
      new ModelVerifier(classpath).verify(bytes);
      return new ModelTransformer(classpath, memoryHooks).transform(bytes);
    };
  }
}
