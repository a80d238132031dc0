package org.lockmc.instrument;

import java.util.Set;
import org.lockmc.engine.ModelError;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TypeInsnNode;

/**
 * Rejects, when a model class is loaded and before any exploration, the Java constructs a model
 * must not use because lockmc cannot explore them faithfully: real synchronisation ({@code
 * synchronized}, {@code Object.wait/notify}, {@code java.util.concurrent}), real threads and
 * sleeps, {@code System.exit}, reflection and lockmc's internals, nondeterministic sources
 * (random numbers, clocks), and static state that would survive from one execution to the next.
 *
 * <p>Each rejection is one {@link ModelError} line naming the class, the method, the source line,
 * the construct and what to use instead:
 *
 * <pre>
 * ksm2009.Ksm.ksmd (Ksm.java:42): uses 'synchronized'; models synchronise only through
 * org.lockmc.kernel primitives (use a Mutex or SpinLock)
 * </pre>
 */
public final class ModelVerifier {
  private final ModelClasses classes;

  /** A verifier for the model classes in {@code classpath}. */
  public ModelVerifier(ClassBytes classpath) {
    this.classes = new ModelClasses(classpath);
  }

  /** Throws a {@link ModelError} for the first rejected construct of {@code classFile}. */
  public void verify(byte[] classFile) {
    ClassNode cn = new ClassNode();
    new ClassReader(classFile).accept(cn, ClassReader.SKIP_FRAMES);
    String cls = cn.name.replace('/', '.');
    String file = cn.sourceFile == null ? "?" : cn.sourceFile;
    if (cn.superName != null && cn.superName.equals("java/lang/Thread")) {
      throw new ModelError(cls + " (" + file + "): extends java.lang.Thread; a model's tasks are"
          + " its @Task methods and the kernel threads they start (use Kernel.kthreadRun)");
    }
    for (FieldNode f : cn.fields) {
      String why = staticState(cn, f);
      if (why != null) {
        throw new ModelError(cls + "." + f.name + " (" + file + "): " + why);
      }
    }
    for (MethodNode m : cn.methods) {
      String where = cls + "." + display(m.name) + " (" + file + ":";
      if ((m.access & Opcodes.ACC_SYNCHRONIZED) != 0) {
        throw new ModelError(where + firstLine(m) + "): " + SYNCHRONIZED);
      }
      int line = firstLine(m);
      for (AbstractInsnNode in = m.instructions.getFirst(); in != null; in = in.getNext()) {
        if (in instanceof LineNumberNode) {
          line = ((LineNumberNode) in).line;
          continue;
        }
        String why = check(in);
        if (why != null) {
          throw new ModelError(where + line + "): " + why);
        }
      }
    }
  }

  static final String SYNCHRONIZED = "uses 'synchronized'; models synchronise only through"
      + " org.lockmc.kernel primitives (use a Mutex or SpinLock)";

  /** Why one instruction is rejected, or null. */
  private static String check(AbstractInsnNode in) {
    int op = in.getOpcode();
    if (op == Opcodes.MONITORENTER) {
      return SYNCHRONIZED;
    }
    if (in instanceof MethodInsnNode) {
      MethodInsnNode mi = (MethodInsnNode) in;
      return call(mi.owner, mi.name, mi.desc);
    }
    if (in instanceof FieldInsnNode) {
      FieldInsnNode fi = (FieldInsnNode) in;
      String why = type(fi.owner);
      return why != null ? why : type(Type.getType(fi.desc));
    }
    if (in instanceof TypeInsnNode) {
      return type(Type.getObjectType(((TypeInsnNode) in).desc));
    }
    if (in instanceof MultiANewArrayInsnNode) {
      return type(Type.getType(((MultiANewArrayInsnNode) in).desc));
    }
    if (in instanceof LdcInsnNode && ((LdcInsnNode) in).cst instanceof Type) {
      return type((Type) ((LdcInsnNode) in).cst);
    }
    return null;
  }

  private static final Set<String> WAITS = Set.of("wait", "notify", "notifyAll");

  /** Why a call is rejected, or null. */
  private static String call(String owner, String name, String desc) {
    if (WAITS.contains(name) && (desc.equals("()V") || desc.equals("(J)V")
        || desc.equals("(JI)V"))) {
      return "calls Object." + name + "(); a model waits and wakes only through org.lockmc.kernel"
          + " primitives (use a WaitQueue's waitEvent/wakeUp or a Completion)";
    }
    if (owner.equals("java/lang/Thread")) {
      if (name.equals("sleep")) {
        return "calls Thread.sleep(); time does not pass in a model, sleeping is a scheduling"
            + " point (use Kernel.scheduleTimeout or Kernel.condResched)";
      }
      if (name.equals("yield") || name.equals("onSpinWait")) {
        return "calls Thread." + name + "(); a model yields through the kernel (use"
            + " Kernel.condResched())";
      }
    }
    if ((owner.equals("java/lang/System") || owner.equals("java/lang/Runtime"))
        && (name.equals("exit") || name.equals("halt"))) {
      return "calls " + simple(owner) + "." + name + "(); a model reports failures as verdicts"
          + " (use Kernel.check, or throw an exception)";
    }
    if (owner.equals("java/lang/System")
        && (name.equals("currentTimeMillis") || name.equals("nanoTime"))) {
      return nondeterministic("System." + name + "()");
    }
    if (owner.equals("java/lang/Math") && name.equals("random")) {
      return nondeterministic("Math.random()");
    }
    if (owner.equals("java/lang/Class") && REFLECTIVE.contains(name)) {
      return reflection("Class." + name + "()");
    }
    String why = type(owner);
    return why != null ? why : type(Type.getReturnType(desc));
  }

  private static final Set<String> REFLECTIVE = Set.of("forName", "getDeclaredField",
      "getDeclaredFields", "getDeclaredMethod", "getDeclaredMethods", "getDeclaredConstructor",
      "getDeclaredConstructors", "getField", "getFields", "getMethod", "getMethods",
      "getConstructor", "getConstructors", "newInstance", "getDeclaredClasses");

  /** Why a mention of a type is rejected, or null. */
  private static String type(Type t) {
    while (t.getSort() == Type.ARRAY) {
      t = t.getElementType();
    }
    return t.getSort() == Type.OBJECT ? type(t.getInternalName()) : null;
  }

  private static String type(String internal) {
    String name = internal.replace('/', '.');
    if (internal.startsWith("java/util/concurrent/")) {
      return concurrent(internal, name);
    }
    if (internal.equals("java/lang/Thread") || internal.equals("java/lang/ThreadGroup")
        || internal.equals("java/util/Timer")) {
      return "uses " + name + "; a model's tasks are its @Task methods and the kernel threads"
          + " they start (use Kernel.kthreadRun, or a Workqueue)";
    }
    if (internal.equals("java/util/Random") || internal.equals("java/security/SecureRandom")
        || internal.equals("java/util/SplittableRandom") || internal.equals("java/time/Clock")
        || internal.equals("java/time/Instant")) {
      return nondeterministic(name);
    }
    if (internal.startsWith("java/lang/reflect/") || internal.equals("java/lang/invoke/MethodHandles")
        || internal.equals("java/lang/invoke/MethodHandles$Lookup")
        || internal.equals("java/lang/invoke/MethodHandle")
        || internal.equals("java/lang/invoke/VarHandle") || internal.equals("sun/misc/Unsafe")
        || internal.startsWith("jdk/internal/")) {
      return reflection(name);
    }
    if (internal.startsWith("org/lockmc/") && !internal.startsWith("org/lockmc/kernel/")
        && !internal.startsWith("org/lockmc/model/")) {
      return "uses " + name + ", a lockmc internal; models use only the org.lockmc.kernel"
          + " primitives and the org.lockmc.model annotations";
    }
    return null;
  }

  private static String concurrent(String internal, String name) {
    if (internal.startsWith("java/util/concurrent/locks/")) {
      return "uses " + name + "; models lock only through org.lockmc.kernel primitives (use a"
          + " Mutex, RwSemaphore or SpinLock)";
    }
    if (internal.startsWith("java/util/concurrent/atomic/")) {
      return "uses " + name + "; every access to a plain field is already an atomic scheduling"
          + " point (use a plain field, or an AtomicCounter for atomic_t and refcounts)";
    }
    if (internal.equals("java/util/concurrent/ThreadLocalRandom")) {
      return nondeterministic(name);
    }
    String s = simple(internal);
    if (s.equals("CountDownLatch") || s.equals("Semaphore") || s.equals("CyclicBarrier")
        || s.equals("Phaser") || s.equals("Exchanger")) {
      return "uses " + name + "; a model waits only through org.lockmc.kernel primitives (use a"
          + " Completion or a WaitQueue)";
    }
    if (s.contains("Executor") || s.contains("Future") || s.startsWith("ForkJoin")
        || s.equals("Callable")) {
      return "uses " + name + "; a model starts work only through the kernel (use"
          + " Kernel.kthreadRun or a Workqueue)";
    }
    return "uses " + name + "; java.util.concurrent is real-thread synchronisation, and lockmc's"
        + " tasks never run in parallel (use plain collections and org.lockmc.kernel primitives)";
  }

  private static String nondeterministic(String what) {
    return "uses " + what + "; lockmc replays schedules, so a model must be deterministic (use"
        + " Kernel.choose(n) for a choice: every value is explored)";
  }

  private static String reflection(String what) {
    return "uses reflection (" + what + "); models may not reach into lockmc's internals or"
        + " other objects reflectively (use the org.lockmc.kernel API)";
  }

  /**
   * Why a field is rejected as static state, or null. Statics outlive the model instance, so
   * they would carry values from one explored execution into the next; only constants may be
   * static (primitives, strings, boxed values, enum constants).
   */
  private String staticState(ClassNode cn, FieldNode f) {
    if ((f.access & Opcodes.ACC_STATIC) == 0 || (f.access & Opcodes.ACC_SYNTHETIC) != 0
        || (f.access & Opcodes.ACC_ENUM) != 0) {
      return null;
    }
    String fix = "; lockmc makes a fresh model instance for every execution, but a static field"
        + " keeps its value from one execution to the next (make it an instance field)";
    if ((f.access & Opcodes.ACC_FINAL) == 0) {
      return "is a mutable static field" + fix;
    }
    Type t = Type.getType(f.desc);
    if (t.getSort() != Type.OBJECT && t.getSort() != Type.ARRAY) {
      return null;
    }
    if (t.getSort() == Type.OBJECT && (IMMUTABLE.contains(t.getInternalName())
        || isEnum(t.getInternalName()))) {
      return null;
    }
    return "is a static " + t.getClassName() + "; lockmc makes a fresh model instance for every"
        + " execution, but the object a static field refers to is shared by all of them (make it"
        + " an instance field)";
  }

  private static final Set<String> IMMUTABLE = Set.of("java/lang/String", "java/lang/Integer",
      "java/lang/Long", "java/lang/Boolean", "java/lang/Short", "java/lang/Byte",
      "java/lang/Character", "java/lang/Double", "java/lang/Float");

  private boolean isEnum(String internal) {
    ModelClasses.Shape s = classes.shape(internal);
    return s != null && (s.access() & Opcodes.ACC_ENUM) != 0;
  }

  private static int firstLine(MethodNode m) {
    for (AbstractInsnNode in = m.instructions.getFirst(); in != null; in = in.getNext()) {
      if (in instanceof LineNumberNode) {
        return ((LineNumberNode) in).line;
      }
    }
    return 0;
  }

  /** {@code ksmd} for {@code ksmd}, {@code ksmd (lambda)} for {@code lambda$ksmd$0}. */
  static String display(String method) {
    if (method.startsWith("lambda$")) {
      int end = method.indexOf('$', 7);
      return (end > 7 ? method.substring(7, end) : method) + " (lambda)";
    }
    return method;
  }

  private static String simple(String internal) {
    return internal.substring(internal.lastIndexOf('/') + 1);
  }
}
