package org.lockmc.instrument;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Loads model classes, and only model classes, itself (child-first), so that every model runs as
 * lockmc's instrumented copy and never as the application class path's plain one. lockmc's own
 * packages and the JDK always come from the parent, so models and the engine share the primitive
 * and annotation types.
 *
 * <p>Assertions are enabled in model classes: a failing {@code assert} is a violation.
 */
public final class ModelClassLoader extends ClassLoader {
  private static final List<String> LIBRARY = List.of(
      "org.lockmc.model.", "org.lockmc.kernel.", "org.lockmc.runtime.", "org.lockmc.engine.",
      "org.lockmc.instrument.", "org.lockmc.check.", "org.lockmc.cli.", "org.lockmc.lockdep.",
      "org.lockmc.report.", "org.lockmc.config.", "org.lockmc.jvm.", "org.lockmc.junit.",
      "java.", "javax.", "jdk.", "sun.", "com.sun.", "org.objectweb.asm.", "com.google.",
      "picocli.", "org.junit.", "org.opentest4j.");

  static {
    registerAsParallelCapable();
  }

  private final ClassBytes source;
  private final UnaryOperator<byte[]> transformer;

  /**
   * @param parent the loader of lockmc itself
   * @param source where model class files come from
   * @param transformer rewrites each model class before it is defined (the instrumentation)
   */
  public ModelClassLoader(ClassLoader parent, ClassBytes source, UnaryOperator<byte[]> transformer) {
    super("lockmc-models", parent);
    this.source = source;
    this.transformer = transformer;
    setDefaultAssertionStatus(true);
  }

  /** Whether {@code name} is lockmc's or the platform's, never a model's. */
  public static boolean isLibrary(String name) {
    for (String p : LIBRARY) {
      if (name.startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    if (isLibrary(name)) {
      return super.loadClass(name, resolve);
    }
    synchronized (getClassLoadingLock(name)) {
      Class<?> c = findLoadedClass(name);
      if (c == null) {
        byte[] bytes = source.find(name);
        if (bytes == null) {
          return super.loadClass(name, resolve);
        }
        byte[] out = transformer.apply(bytes);
        c = defineClass(name, out, 0, out.length);
      }
      if (resolve) {
        resolveClass(c);
      }
      return c;
    }
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    if (name.endsWith(".class")) {
      String cls = name.substring(0, name.length() - 6).replace('/', '.');
      if (!isLibrary(cls)) {
        byte[] bytes = source.find(cls);
        if (bytes != null) {
          return new ByteArrayInputStream(bytes);
        }
      }
    }
    return super.getResourceAsStream(name);
  }
}
