package org.lockmc.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.instrument.ClassBytes;
import org.lockmc.instrument.ClassTransformer;
import org.lockmc.instrument.ModelClassLoader;
import org.lockmc.instrument.ModelCompiler;
import org.lockmc.model.LockModel;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Turns what a user names on the command line into model definitions, each loaded through a
 * {@link ModelClassLoader}: a folder of {@code .java} sources, a single {@code .java} file
 * anywhere, a package or class of the model library ({@code models/}), or a class compiled in the
 * project ({@code target/test-classes}).
 */
public final class ModelLocator {
  private final Path base;
  private final Path modelsRoot;
  private final List<Path> classDirs;
  private final ClassTransformer transformer;

  /**
   * @param base the working directory (messages name paths relative to it)
   * @param modelsRoot the model library's source root, usually {@code models}
   * @param classDirs directories of compiled model classes
   * @param transformer the instrumentation applied to every model class
   */
  public ModelLocator(Path base, Path modelsRoot, List<Path> classDirs,
      ClassTransformer transformer) {
    this.base = base;
    this.modelsRoot = modelsRoot;
    this.classDirs = List.copyOf(classDirs);
    this.transformer = transformer;
  }

  /** The models {@code target} names, sorted by name; a target that names none is an error. */
  public List<ModelDefinition> locate(String target) {
    Path p = base.resolve(target);
    if (target.endsWith(".java")) {
      if (!Files.isRegularFile(p)) {
        throw new ModelError("no such model file: " + target);
      }
      return fromSources(List.of(p), null, target);
    }
    if (Files.isDirectory(p)) {
      return fromSources(javaFiles(p), null, target);
    }
    String pkgPath = target.replace('.', '/');
    Path pkgDir = modelsRoot.resolve(pkgPath);
    Path file = modelsRoot.resolve(pkgPath + ".java");
    if (Files.isDirectory(pkgDir) || Files.isRegularFile(file)) {
      return fromSources(javaFiles(modelsRoot), target, target);
    }
    List<ModelDefinition> compiled = fromClassDirs(target);
    if (!compiled.isEmpty()) {
      return compiled;
    }
    String classes = classDirs.isEmpty() ? ""
        : ", nor a class in " + String.join(", ", classDirs.stream().map(this::relative).toList());
    // the usual cause when the library itself is missing: lockmc run outside the project
    String hint = Files.isDirectory(modelsRoot)
        ? " (run 'lockmc list' to see the models)"
        : "; there is no " + relative(modelsRoot) + "/ folder here: run lockmc from the project's"
            + " folder, or name the library with --models DIR";
    throw new ModelError("unknown model '" + target + "': it is not a .java file, a folder, a"
        + " class or package under " + relative(modelsRoot) + "/" + classes + hint);
  }

  private String relative(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return abs.startsWith(b) ? b.relativize(abs).toString() : abs.toString();
  }

  private List<Path> javaFiles(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(f -> f.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw ModelError.cannotRead(relative(dir), e);
    }
  }

  /** Compiles {@code files} and returns the models in them (those under {@code prefix}, if set). */
  private List<ModelDefinition> fromSources(List<Path> files, String prefix, String target) {
    if (files.isEmpty()) {
      throw new ModelError("no .java files in " + target);
    }
    Map<String, byte[]> classes = ModelCompiler.compile(files, base);
    ModelClassLoader loader = new ModelClassLoader(ModelLocator.class.getClassLoader(),
        ClassBytes.of(classes), transformer);
    List<ModelDefinition> models = new ArrayList<>();
    for (String name : classes.keySet()) {
      if (prefix != null && !(name.equals(prefix) || name.startsWith(prefix + "."))) {
        continue;
      }
      Class<?> c = load(loader, name);
      if (c.isAnnotationPresent(LockModel.class)) {
        Path source = sourceFile(files, name, classes.get(name));
        for (ModelDefinition m : ModelDefinition.of(loader.loadModel(name)).combinations()) {
          models.add(withSource(m, source));
        }
      } else if (name.equals(prefix)) {
        ModelDefinition.of(c);
      }
    }
    if (models.isEmpty()) {
      throw new ModelError(target + " has no model: no class in it carries @LockModel");
    }
    return models;
  }

  private List<ModelDefinition> fromClassDirs(String target) {
    ClassBytes bytes = ClassBytes.directories(classDirs);
    if (bytes.find(target) == null) {
      return List.of();
    }
    ModelClassLoader loader =
        new ModelClassLoader(ModelLocator.class.getClassLoader(), bytes, transformer);
    String file = sourceFileName(bytes.find(target));
    Path source = file == null ? null
        : modelsRoot.resolve(packagePath(target)).resolve(file);
    Path known = source != null && Files.isRegularFile(source) ? source : null;
    List<ModelDefinition> out = new ArrayList<>();
    for (ModelDefinition m : ModelDefinition.of(loader.loadModel(target)).combinations()) {
      out.add(withSource(m, known));
    }
    return out;
  }

  private ModelDefinition withSource(ModelDefinition m, Path source) {
    if (source == null) {
      return m;
    }
    Path abs = source.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    Path root = modelsRoot.toAbsolutePath().normalize();
    // Reports never hold absolute paths: a file outside the working directory is named from its
    // library's folder (models/basics/X.java) when it is in the library, else alone.
    Path path;
    if (abs.startsWith(b)) {
      path = b.relativize(abs);
    } else if (abs.startsWith(root) && root.getFileName() != null) {
      path = root.getFileName().resolve(root.relativize(abs));
    } else {
      path = abs.getFileName();
    }
    return m.withSourceFile(path.toString().replace(java.io.File.separatorChar, '/'));
  }

  /** Which of {@code files} class {@code name} was compiled from, or null. */
  private static Path sourceFile(List<Path> files, String name, byte[] bytes) {
    String file = sourceFileName(bytes);
    if (file == null) {
      return null;
    }
    String pkg = packagePath(name);
    Path only = null;
    for (Path f : files) {
      if (f.getFileName().toString().equals(file)) {
        Path dir = f.toAbsolutePath().normalize().getParent();
        if (pkg.isEmpty() || dir.endsWith(pkg)) {
          return f;
        }
        only = f;
      }
    }
    return only;
  }

  /** The directory of a class's package, relative ({@code basics} for {@code basics.X}). */
  private static String packagePath(String className) {
    int dot = className.lastIndexOf('.');
    return dot < 0 ? "" : className.substring(0, dot).replace('.', '/');
  }

  /** The {@code SourceFile} attribute of a class file, or null. */
  private static String sourceFileName(byte[] classFile) {
    if (classFile == null) {
      return null;
    }
    String[] file = new String[1];
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public void visitSource(String source, String debug) {
        file[0] = source;
      }
    }, ClassReader.SKIP_CODE);
    return file[0];
  }

  /** Loads {@code name} from compiled class directories through a fresh model class loader. */
  public static ModelDefinition fromClassDirectory(List<Path> dirs, String name,
      ClassTransformer transformer) {
    ClassBytes bytes = ClassBytes.directories(dirs);
    if (bytes.find(name) == null) {
      throw new ModelError("no class " + name + " in " + dirs);
    }
    ModelClassLoader loader =
        new ModelClassLoader(ModelLocator.class.getClassLoader(), bytes, transformer);
    return ModelDefinition.of(loader.loadModel(name));
  }

  private static Class<?> load(ClassLoader loader, String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ModelError("cannot load model class " + name + ": " + e, e);
    }
  }

  /** Keeps definitions unique by name, in order. */
  public static List<ModelDefinition> distinct(List<ModelDefinition> models) {
    Map<String, ModelDefinition> byName = new LinkedHashMap<>();
    for (ModelDefinition m : models) {
      byName.putIfAbsent(m.name(), m);
    }
    return new ArrayList<>(byName.values());
  }
}
