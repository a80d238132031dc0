package org.lockmc.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * The shared-memory instrumentation at the bytecode level: which accesses get which hook, and
 * that every rewritten class passes ASM's verifier (stack shapes for long/double values, array
 * stores, constructors before super(), lambdas, enum switches).
 */
class ModelTransformerTest {
  private static final String SOURCE = String.join("\n",
      "package sample;",
      "public class Shapes {",
      "  enum Mode { STOP, MERGE }",
      "  static class Mm { int users; final int id; long vm; Mm(int id) { this.id = id; } }",
      "  static class Base { int inherited; Base(int v) { inherited = v; } }",
      "  static class Derived extends Base {",
      "    int own = 3;",
      "    Derived(Mm mm) { super(mm.users + new Mm(2).id); own = inherited; }",
      "  }",
      "  static final int CONSTANT = 7;",
      "  static int counter;",
      "  final int finalField = 1;",
      "  int plain;",
      "  long wide;",
      "  double real;",
      "  final int[] ints = new int[3];",
      "  final long[] longs = new long[2];",
      "  final double[] doubles = new double[2];",
      "  final Object[] objects = {\"a\", null};",
      "  Mode mode = Mode.MERGE;",
      "  int readPlain() { return plain + finalField + CONSTANT; }",
      "  void writeWide() { wide = wide + 1L; real = real * 2.0; }",
      "  void statics() { counter++; }",
      "  void arrays() { ints[1] = ints[0] + 1; longs[1] = longs[0]; doubles[0] = 1.5;",
      "    objects[0] = objects[1]; }",
      "  int[] initializer(int a) { return new int[] {a, 2, 3}; }",
      "  String varargs(int a, long b) { return String.format(\"%d %d\", a, b); }",
      "  int switchOnEnum() { switch (mode) { case STOP: return 0; default: return 1; } }",
      "  Runnable lambda() { return () -> plain = 4; }",
      "  int loop(int n) { int s = 0; for (int i = 0; i < n; i++) { s += i; } return s; }",
      "  void nested(Mm mm) { mm.users++; mm.vm += mm.id; }",
      "}");

  private static Map<String, byte[]> compiled;
  private static Map<String, byte[]> instrumented;

  @BeforeAll
  static void compile() throws Exception {
    Path dir = Files.createTempDirectory("lockmc-transformer");
    Path f = dir.resolve("sample/Shapes.java");
    Files.createDirectories(f.getParent());
    Files.writeString(f, SOURCE);
    compiled = ModelCompiler.compile(List.of(f), dir);
    ClassBytes classpath = ClassBytes.of(compiled);
    instrumented = new TreeMap<>();
    for (Map.Entry<String, byte[]> e : compiled.entrySet()) {
      instrumented.put(e.getKey(), new ModelTransformer(classpath).transform(e.getValue()));
    }
  }

  @Test
  void everyInstrumentedClassVerifies() {
    ClassLoader loader = new ModelClassLoader(getClass().getClassLoader(),
        ClassBytes.of(instrumented), ClassTransformer.identity());
    for (Map.Entry<String, byte[]> e : instrumented.entrySet()) {
      StringWriter out = new StringWriter();
      CheckClassAdapter.verify(new ClassReader(e.getValue()), loader, false, new PrintWriter(out));
      assertEquals("", out.toString(), e.getKey() + " does not verify");
    }
  }

  @Test
  void instanceFieldReadsAreHookedButFinalsAndConstantsAreNot() {
    assertEquals(List.of("getField Shapes.plain"), hooks("sample.Shapes", "readPlain"));
  }

  @Test
  void wideValuesKeepTheirStackShape() {
    assertEquals(List.of("getField Shapes.wide", "putField Shapes.wide", "getField Shapes.real",
        "putField Shapes.real"), hooks("sample.Shapes", "writeWide"));
  }

  @Test
  void staticFieldsAreHookedByName() {
    assertEquals(List.of("getStatic Shapes.counter", "putStatic Shapes.counter"),
        hooks("sample.Shapes", "statics"));
  }

  @Test
  void arrayElementsAreHookedForEveryElementType() {
    assertEquals(List.of("arrayLoad", "arrayStore", "arrayLoad", "arrayStore", "arrayStore",
        "arrayLoad", "arrayStore"), hooks("sample.Shapes", "arrays"));
  }

  @Test
  void anArrayInitialiserIsNotShared() {
    assertEquals(List.of(), hooks("sample.Shapes", "initializer"));
    assertEquals(List.of(), hooks("sample.Shapes", "varargs"));
  }

  @Test
  void aSwitchOnAnEnumReadsTheFieldButNotJavacsSwitchMap() {
    assertEquals(List.of("getField Shapes.mode"), hooks("sample.Shapes", "switchOnEnum"));
  }

  @Test
  void lambdaBodiesAreModelCode() {
    assertEquals(List.of("putField Shapes.plain"), hooks("sample.Shapes", "lambda$lambda$0"));
  }

  @Test
  void loopsCountBackEdges() {
    assertEquals(List.of("backEdge"), hooks("sample.Shapes", "loop"));
  }

  @Test
  void fieldsOfOtherModelClassesAreHookedUnderTheirClassName() {
    assertEquals(List.of("getField Mm.users", "putField Mm.users", "getField Mm.vm",
        "putField Mm.vm"), hooks("sample.Shapes", "nested"));
  }

  @Test
  void aConstructorHooksNothingBeforeSuperAndResolvesInheritedFields() {
    // super(mm.users + new Mm(2).id): mm.users is read before super() and is not hooked;
    // afterwards own = 3 and own = inherited are (inherited is declared in Base).
    assertEquals(List.of("putField Derived.own", "getField Base.inherited",
        "putField Derived.own"), hooks("sample.Shapes$Derived", "<init>"));
  }

  @Test
  void staticInitialisersAreNotInstrumented() {
    assertEquals(List.of(), hooks("sample.Shapes$Mode", "<clinit>"));
  }

  /** The hooks a method calls, in order, with the field key of field hooks. */
  private static List<String> hooks(String cls, String method) {
    ClassNode cn = new ClassNode();
    new ClassReader(instrumented.get(cls)).accept(cn, 0);
    List<String> out = new ArrayList<>();
    boolean found = false;
    for (MethodNode m : cn.methods) {
      if (!m.name.equals(method)) {
        continue;
      }
      found = true;
      String key = null;
      for (AbstractInsnNode in = m.instructions.getFirst(); in != null; in = in.getNext()) {
        if (in instanceof LdcInsnNode && ((LdcInsnNode) in).cst instanceof String) {
          key = (String) ((LdcInsnNode) in).cst;
        }
        if (in.getOpcode() == Opcodes.INVOKESTATIC
            && ((MethodInsnNode) in).owner.equals(ModelTransformer.HOOKS)) {
          String name = ((MethodInsnNode) in).name;
          out.add(name.endsWith("Field") || name.endsWith("Static") ? name + " " + key : name);
        }
      }
    }
    assertTrue(found, cls + "." + method + " not found");
    return out;
  }
}
