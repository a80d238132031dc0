package org.lockmc.instrument;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.lockmc.engine.ModelError;

/**
 * Compiles model sources on the fly with the JDK's compiler, into memory, against lockmc's own
 * classes. Bytecode is Java 17, whatever JDK runs lockmc.
 */
public final class ModelCompiler {
  private ModelCompiler() {}

  /**
   * Compiles {@code sources}; returns class files by binary name. A compile error is a {@link
   * ModelError} naming the file, line and message of the first error.
   *
   * @param base the directory paths in messages are relative to
   */
  public static Map<String, byte[]> compile(List<Path> sources, Path base) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new ModelError("compiling .java models needs a JDK, but lockmc runs on a JRE without"
          + " javac (run it with a JDK, or name compiled model classes instead)");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, ByteArrayOutputStream> out = new TreeMap<>();
    try (StandardJavaFileManager std =
        compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      JavaFileManager fm = new ForwardingJavaFileManager<>(std) {
        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className,
            JavaFileObject.Kind kind, FileObject sibling) {
          return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/')
              + kind.extension), kind) {
            @Override
            public OutputStream openOutputStream() {
              ByteArrayOutputStream b = new ByteArrayOutputStream();
              out.put(className, b);
              return b;
            }
          };
        }
      };
      List<File> files = new ArrayList<>();
      for (Path p : sources) {
        files.add(p.toFile());
      }
      List<String> options = List.of("--release", "17", "-g", "-proc:none", "-nowarn",
          "-classpath", classpath(), "-XDstringConcat=inline");
      Boolean ok = compiler.getTask(null, fm, diagnostics, options, null,
          std.getJavaFileObjectsFromFiles(files)).call();
      if (!ok) {
        throw new ModelError(firstError(diagnostics, base));
      }
    } catch (IOException e) {
      throw new ModelError("cannot compile models: " + e.getMessage(), e);
    }
    Map<String, byte[]> classes = new TreeMap<>();
    out.forEach((k, v) -> classes.put(k, v.toByteArray()));
    return classes;
  }

  private static String firstError(DiagnosticCollector<JavaFileObject> diagnostics, Path base) {
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        String file = d.getSource() == null ? "?" : relative(Path.of(d.getSource().toUri()), base);
        String msg = d.getMessage(Locale.ROOT).lines().findFirst().orElse("");
        return file + ":" + d.getLineNumber() + ": does not compile: " + msg
            + " (fix the model source)";
      }
    }
    return "the models do not compile";
  }

  static String relative(Path file, Path base) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    return abs.startsWith(b) ? b.relativize(abs).toString() : abs.getFileName().toString();
  }

  /** lockmc's own classes (and its dependencies) as a compile class path. */
  private static String classpath() {
    String cp = System.getProperty("java.class.path", "");
    String self = codeSource();
    if (self != null && !cp.contains(self)) {
      cp = cp.isEmpty() ? self : self + File.pathSeparator + cp;
    }
    return cp;
  }

  private static String codeSource() {
    try {
      return Path.of(ModelError.class.getProtectionDomain().getCodeSource().getLocation().toURI())
          .toString();
    } catch (Exception e) {
      return null;
    }
  }
}
