package org.lockmc.jvm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Finds the classes of a folder whose lambda classes JPF would name like one of javac's nested
 * classes. javac writes one bootstrap-method entry per distinct bootstrap handle and arguments, so
 * the number of distinct {@code invokedynamic} bootstraps in a class is the number of indexes
 * JPF may use; a class clashes when a javac class {@code Outer$N} exists for one of them.
 */
final class BootstrapNames {
  private BootstrapNames() {}

  /** {@code Outer: JPF's lambda class Outer$N is javac's Outer$N} for every clash in {@code dir}. */
  static List<String> clashes(Path dir) throws IOException {
    List<String> problems = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return problems;
    }
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String outer = f.getFileName().toString().replace(".class", "");
        int bootstraps = bootstraps(Files.readAllBytes(f));
        for (int n = 1; n < bootstraps; n++) {
          if (Files.exists(dir.resolve(outer + "$" + n + ".class"))) {
            problems.add(dir.resolve(outer) + ": JPF's lambda class " + outer + "$" + n
                + " is also javac's " + outer + "$" + n + " (turn a lambda into a loop or a"
                + " named class)");
          }
        }
      }
    }
    return problems;
  }

  private static int bootstraps(byte[] classFile) {
    Set<List<Object>> distinct = new LinkedHashSet<>();
    new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public MethodVisitor visitMethod(int access, String name, String descriptor,
          String signature, String[] exceptions) {
        return new MethodVisitor(Opcodes.ASM9) {
          @Override
          public void visitInvokeDynamicInsn(String name, String descriptor, Handle bsm,
              Object... args) {
            List<Object> key = new ArrayList<>();
            key.add(bsm);
            key.addAll(List.of(args));
            distinct.add(key);
          }
        };
      }
    }, ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return distinct.size();
  }
}
