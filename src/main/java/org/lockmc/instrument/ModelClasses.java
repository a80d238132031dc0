package org.lockmc.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * What the instrumentation needs to know about model classes other than the one being rewritten:
 * which class declares a field, whether that field is final, whether a class is an enum. Read
 * from the class files (never by loading classes), cached per loader.
 *
 * <p>Only model classes are described: a field inherited from a library class (the JDK, lockmc)
 * resolves to nothing, and is never instrumented.
 */
final class ModelClasses {
  private final ClassBytes classpath;
  private final Map<String, Shape> shapes = new HashMap<>();

  /** A model class's name, superclass, interfaces, access flags and fields (name to access). */
  record Shape(String name, String superName, List<String> interfaces, int access,
      Map<String, Integer> fields) {}

  /** A resolved field: the internal name of its declaring class and its access flags. */
  record Field(String owner, int access) {
    boolean isFinal() {
      return (access & Opcodes.ACC_FINAL) != 0;
    }
  }

  ModelClasses(ClassBytes classpath) {
    this.classpath = classpath;
  }

  /** Whether {@code internalName} is a model class (not lockmc's, not the platform's). */
  boolean isModel(String internalName) {
    return shape(internalName) != null;
  }

  /** The shape of model class {@code internalName}, or null when it is not a model class. */
  Shape shape(String internalName) {
    if (internalName == null || internalName.startsWith("[")) {
      return null;
    }
    if (shapes.containsKey(internalName)) {
      return shapes.get(internalName);
    }
    String binary = internalName.replace('/', '.');
    byte[] bytes = ModelClassLoader.isLibrary(binary) ? null : classpath.find(binary);
    Shape s = bytes == null ? null : read(bytes);
    shapes.put(internalName, s);
    return s;
  }

  /**
   * The model class that declares field {@code name} as seen from {@code owner} (javac names the
   * static type of the receiver, which may inherit the field), or null when it is not a model
   * class's field.
   */
  Field resolve(String owner, String name) {
    for (String c = owner; c != null; ) {
      Shape s = shape(c);
      if (s == null) {
        return null;
      }
      Integer access = s.fields().get(name);
      if (access != null) {
        return new Field(c, access);
      }
      for (String i : s.interfaces()) {
        Field f = resolve(i, name);
        if (f != null) {
          return f;
        }
      }
      c = s.superName();
    }
    return null;
  }

  private static Shape read(byte[] bytes) {
    Map<String, Integer> fields = new HashMap<>();
    Shape[] out = new Shape[1];
    new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9) {
      @Override
      public void visit(int version, int access, String name, String signature, String superName,
          String[] interfaces) {
        out[0] = new Shape(name, superName, interfaces == null ? List.of() : List.of(interfaces),
            access, fields);
      }

      @Override
      public FieldVisitor visitField(int access, String name, String descriptor, String signature,
          Object value) {
        fields.put(name, access);
        return null;
      }
    }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return out[0];
  }

  /**
   * A short readable name for traces: {@code Ksm} for {@code ksm2009/Ksm}, {@code Mm} for a
   * nested {@code ksm2009/Ksm$Mm}, {@code Ksm$1} for an anonymous class.
   */
  static String simpleName(String internalName) {
    String s = internalName.substring(internalName.lastIndexOf('/') + 1);
    int dollar = s.lastIndexOf('$');
    if (dollar >= 0 && dollar + 1 < s.length() && !Character.isDigit(s.charAt(dollar + 1))) {
      return s.substring(dollar + 1);
    }
    return s;
  }
}
