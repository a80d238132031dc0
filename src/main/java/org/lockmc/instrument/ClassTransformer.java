package org.lockmc.instrument;

/**
 * Rewrites one model class file before it is defined. It may read the class files of the other
 * model classes (to resolve a field to the class that declares it, for example) through {@code
 * classpath}, which holds model classes only, never lockmc's or the JDK's.
 */
@FunctionalInterface
public interface ClassTransformer {
  /**
   * Returns the class file to define for {@code className} (a binary name such as {@code
   * ksm2009.KsmRunReadOutsideMutex}). May throw {@link org.lockmc.engine.ModelError} to reject
   * the class.
   */
  byte[] transform(String className, byte[] classFile, ClassBytes classpath);

  /** Defines classes as compiled. */
  static ClassTransformer identity() {
    return (name, bytes, classpath) -> bytes;
  }
}
