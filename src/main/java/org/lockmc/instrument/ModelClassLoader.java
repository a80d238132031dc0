package org.lockmc.instrument;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.lockmc.engine.ModelError;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.commons.ClassRemapper;
import org.objectweb.asm.commons.Remapper;

/**
 * Loads model classes, and only model classes, itself (child-first), so that every model runs as
 * lockmc's instrumented copy and never as the application class path's plain one. lockmc's own
 * packages and the JDK always come from the parent, so models and the engine share the primitive
 * and annotation types.
 *
 * <p>Assertions are enabled in model classes: a failing {@code assert} is a violation.
 *
 * <p>{@link #loadModel} loads a model class together with every model class it refers to,
 * directly or not, and initialises them all, so that every model class is verified and
 * instrumented before exploration starts (a rejected construct is an error at load time, never
 * halfway through an exploration) and no static initialiser runs inside a task.
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
  private final ClassTransformer transformer;

  /**
   * @param parent the loader of lockmc itself
   * @param source where model class files come from
   * @param transformer verifies and rewrites each model class before it is defined (the
   *     instrumentation)
   */
  public ModelClassLoader(ClassLoader parent, ClassBytes source, ClassTransformer transformer) {
    super("lockmc-models", parent);
    this.source = source;
    this.transformer = transformer;
    setDefaultAssertionStatus(true);
  }

  /** A loader whose transformer looks at one class file at a time. */
  public ModelClassLoader(ClassLoader parent, ClassBytes source, UnaryOperator<byte[]> transformer) {
    this(parent, source, (name, bytes, classpath) -> transformer.apply(bytes));
  }

  /**
   * Loads the model class {@code name} and, transitively, every model class it refers to, then
   * initialises them in that order. Verification errors and failing static initialisers are
   * {@link ModelError}s.
   */
  public Class<?> loadModel(String name) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>();
    todo.add(name);
    seen.add(name);
    while (!todo.isEmpty()) {
      byte[] bytes = source.find(todo.poll());
      if (bytes == null) {
        continue;
      }
      for (String ref : references(bytes)) {
        if (!isLibrary(ref) && source.find(ref) != null && seen.add(ref)) {
          todo.add(ref);
        }
      }
    }
    List<Class<?>> loaded = new ArrayList<>();
    for (String n : seen) {
      loaded.add(load(n, false));
    }
    for (Class<?> c : loaded) {
      load(c.getName(), true);
    }
    return loaded.get(0);
  }

  private Class<?> load(String name, boolean initialize) {
    try {
      return Class.forName(name, initialize, this);
    } catch (ClassNotFoundException e) {
      throw new ModelError("cannot load model class " + name + ": " + e, e);
    } catch (ExceptionInInitializerError e) {
      throw new ModelError(name + ": its static initialiser failed with " + e.getCause(), e);
    } catch (LinkageError e) {
      throw new ModelError("cannot load model class " + name + ": " + e, e);
    }
  }

  /** The binary names of every class {@code classFile} mentions. */
  private static Set<String> references(byte[] classFile) {
    Set<String> names = new LinkedHashSet<>();
    Remapper collect = new Remapper(Opcodes.ASM9) {
      @Override
      public String map(String internalName) {
        names.add(internalName.replace('/', '.'));
        return internalName;
      }
    };
    new ClassReader(classFile).accept(
        new ClassRemapper(new ClassVisitor(Opcodes.ASM9) {}, collect), ClassReader.SKIP_FRAMES);
    return names;
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
        byte[] out = transformer.transform(name, bytes, source);
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
