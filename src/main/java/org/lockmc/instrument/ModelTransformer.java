package org.lockmc.instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FieldNode;
import org.objectweb.asm.tree.InsnList;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Makes plain Java shared memory visible to the explorer: rewrites a model class so that every
 * read and write of a non-final field of a model class (instance or static) and every array
 * element access calls {@code org.lockmc.runtime.Hooks} just before it happens. Each hook is a
 * scheduling point with DPOR dependence by memory location.
 *
 * <p>What is and is not instrumented, and why:
 *
 * <ul>
 *   <li>final fields are not: they are written once, before the object is shared;
 *   <li>fields of library classes (JDK, lockmc) are not: only model state is explored;
 *   <li>in a constructor, nothing before the {@code super()} / {@code this()} call is, because
 *       {@code this} is still uninitialised there and may not be passed to a hook;
 *   <li>{@code <clinit>} is not: model classes are initialised before exploration, outside any
 *       task;
 *   <li>the stores of an array initialiser ({@code new int[] {a, b}}, a varargs array) into the
 *       fresh array are not: nobody else can see that array yet;
 *   <li>the lookup in javac's {@code $SwitchMap$} table of a switch on an enum is not.
 * </ul>
 *
 * Two more rewrites serve the checker: every backward jump (a loop) calls {@code
 * Hooks.backEdge()}, a counter that is not a scheduling point, so that a task spinning in a loop
 * that touches nothing shared is frozen as a livelock instead of hanging the checker; and a
 * constructor of a class with {@code @Param} fields takes their values from the combination
 * being explored, right after {@code super()} and in place of their initialisers.
 *
 * <p>Every inserted sequence leaves the operand stack as it found it, so stack map frames stay
 * valid; maximum stack sizes are recomputed.
 */
public final class ModelTransformer {
  static final String HOOKS = "org/lockmc/runtime/Hooks";
  static final String PARAM = "Lorg/lockmc/model/Param;";
  private final ModelClasses classes;
  /** Whether field and array accesses get their hooks; off only to measure what they cost. */
  private final boolean memoryHooks;

  /** A transformer for the model classes in {@code classpath}. */
  public ModelTransformer(ClassBytes classpath) {
    this(classpath, true);
  }

  /**
   * A transformer that leaves field and array accesses alone when {@code memoryHooks} is false
   * (back edges and {@code @Param} values are still rewritten). Such models race without the
   * explorer seeing it: {@code lockmc bench --no-field-hooks} uses it to measure the hooks' cost,
   * never to decide a verdict.
   */
  public ModelTransformer(ClassBytes classpath, boolean memoryHooks) {
    this.classes = new ModelClasses(classpath);
    this.memoryHooks = memoryHooks;
  }

  /** Returns the instrumented class file. */
  public byte[] transform(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassNode cn = new ClassNode();
    reader.accept(cn, 0);
    Map<String, FieldNode> params = paramFields(cn);
    for (MethodNode m : cn.methods) {
      if (m.instructions.size() > 0) {
        new Rewriter(cn, m, params).run();
      }
    }
    ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cn.accept(w);
    return w.toByteArray();
  }

  /** The instance fields annotated {@code @Param} whose type lockmc can set. */
  static Map<String, FieldNode> paramFields(ClassNode cn) {
    Map<String, FieldNode> params = new HashMap<>();
    for (FieldNode f : cn.fields) {
      if (f.visibleAnnotations == null || (f.access & Opcodes.ACC_STATIC) != 0
          || paramDescriptor(f.desc) == null) {
        continue;
      }
      for (AnnotationNode a : f.visibleAnnotations) {
        if (a.desc.equals(PARAM)) {
          params.put(f.name, f);
        }
      }
    }
    return params;
  }

  /** The descriptor of the {@code Hooks.param} overload for a field of type {@code desc}. */
  static String paramDescriptor(String desc) {
    switch (desc) {
      case "I":
      case "J":
      case "Z":
      case "Ljava/lang/String;":
        return "(" + desc + "Ljava/lang/String;)" + desc;
      default:
        return null;
    }
  }

  /** The rewriting of one method. */
  private final class Rewriter {
    private final ClassNode cn;
    private final MethodNode m;
    private final Map<String, FieldNode> params;
    private final AbstractInsnNode[] insns;
    private final boolean[] freshStore;
    private final Map<LabelNode, Integer> position = new HashMap<>();
    private final java.util.Set<LabelNode> jumpTargets = new java.util.HashSet<>();

    Rewriter(ClassNode cn, MethodNode m, Map<String, FieldNode> params) {
      this.cn = cn;
      this.m = m;
      this.params = params;
      this.insns = m.instructions.toArray();
      this.freshStore = new boolean[insns.length];
      for (int i = 0; i < insns.length; i++) {
        if (insns[i] instanceof LabelNode) {
          position.put((LabelNode) insns[i], i);
        }
        jumpTargets.addAll(targets(insns[i]));
      }
      for (TryCatchBlockNode t : m.tryCatchBlocks) {
        jumpTargets.add(t.handler);
      }
    }

    void run() {
      boolean constructor = m.name.equals("<init>");
      if (m.name.equals("<clinit>")) {
        return;
      }
      boolean initialized = !constructor;
      int pendingNews = 0;
      boolean switchMap = false;
      for (int i = 0; i < insns.length; i++) {
        AbstractInsnNode in = insns[i];
        int op = in.getOpcode();
        if (jumpsBack(in, i)) {
          m.instructions.insertBefore(in, call("backEdge", "()V"));
        }
        switch (op) {
          case Opcodes.NEW:
            if (!initialized) {
              pendingNews++;
            }
            break;
          case Opcodes.INVOKESPECIAL:
            if (!initialized && ((MethodInsnNode) in).name.equals("<init>")) {
              if (pendingNews > 0) {
                pendingNews--;
              } else {
                initialized = true;
                m.instructions.insert(in, initParams());
              }
            }
            break;
          case Opcodes.GETFIELD:
          case Opcodes.PUTFIELD:
          case Opcodes.GETSTATIC:
          case Opcodes.PUTSTATIC:
            FieldInsnNode f = (FieldInsnNode) in;
            if (op == Opcodes.GETSTATIC && f.name.startsWith("$SwitchMap$")) {
              switchMap = true;
            }
            if (initialized) {
              field(f, constructor);
            }
            break;
          case Opcodes.IALOAD:
          case Opcodes.LALOAD:
          case Opcodes.FALOAD:
          case Opcodes.DALOAD:
          case Opcodes.AALOAD:
          case Opcodes.BALOAD:
          case Opcodes.CALOAD:
          case Opcodes.SALOAD:
            if (op == Opcodes.IALOAD && switchMap) {
              switchMap = false;
            } else if (initialized && memoryHooks) {
              InsnList l = new InsnList();
              l.add(new InsnNode(Opcodes.DUP2));
              l.add(call("arrayLoad", "(Ljava/lang/Object;I)V"));
              m.instructions.insertBefore(in, l);
            }
            break;
          case Opcodes.IASTORE:
          case Opcodes.LASTORE:
          case Opcodes.FASTORE:
          case Opcodes.DASTORE:
          case Opcodes.AASTORE:
          case Opcodes.BASTORE:
          case Opcodes.CASTORE:
          case Opcodes.SASTORE:
            freshStore[i] = initializesFreshArray(i);
            if (!freshStore[i] && initialized && memoryHooks) {
              m.instructions.insertBefore(in, arrayStore(op == Opcodes.LASTORE
                  || op == Opcodes.DASTORE));
            }
            break;
          default:
            break;
        }
      }
    }

    /** Hooks one field access, and filters a {@code @Param} field's initialiser. */
    private void field(FieldInsnNode f, boolean constructor) {
      int op = f.getOpcode();
      if (constructor && op == Opcodes.PUTFIELD && f.owner.equals(cn.name)
          && params.containsKey(f.name)) {
        InsnList l = new InsnList();
        l.add(new LdcInsnNode(f.name));
        l.add(call("param", paramDescriptor(f.desc)));
        m.instructions.insertBefore(f, l);
      }
      ModelClasses.Field decl = classes.resolve(f.owner, f.name);
      if (!memoryHooks || decl == null || decl.isFinal()) {
        return;
      }
      String key = ModelClasses.simpleName(decl.owner()) + "." + f.name;
      boolean wide = f.desc.equals("J") || f.desc.equals("D");
      InsnList l = new InsnList();
      switch (op) {
        case Opcodes.GETFIELD:
          l.add(new InsnNode(Opcodes.DUP));
          l.add(new LdcInsnNode(key));
          l.add(call("getField", "(Ljava/lang/Object;Ljava/lang/String;)V"));
          break;
        case Opcodes.PUTFIELD:
          if (wide) { // [o, vv] -> [vv, o, vv] -> [vv, o] -> [o, vv, o]
            l.add(new InsnNode(Opcodes.DUP2_X1));
            l.add(new InsnNode(Opcodes.POP2));
            l.add(new InsnNode(Opcodes.DUP_X2));
          } else { // [o, v] -> [o, v, o, v] -> [o, v, o]
            l.add(new InsnNode(Opcodes.DUP2));
            l.add(new InsnNode(Opcodes.POP));
          }
          l.add(new LdcInsnNode(key));
          l.add(call("putField", "(Ljava/lang/Object;Ljava/lang/String;)V"));
          break;
        case Opcodes.GETSTATIC:
          l.add(new LdcInsnNode(key));
          l.add(call("getStatic", "(Ljava/lang/String;)V"));
          break;
        default:
          l.add(new LdcInsnNode(key));
          l.add(call("putStatic", "(Ljava/lang/String;)V"));
          break;
      }
      m.instructions.insertBefore(f, l);
    }

    /** Before {@code xASTORE} on {@code [a, i, v]}: calls the hook with {@code a, i}. */
    private InsnList arrayStore(boolean wide) {
      InsnList l = new InsnList();
      if (wide) { // [a, i, vv] -> [vv, a, i, vv] -> [vv, a, i] -> [a, i, vv, a, i]
        l.add(new InsnNode(Opcodes.DUP2_X2));
        l.add(new InsnNode(Opcodes.POP2));
        l.add(new InsnNode(Opcodes.DUP2_X2));
      } else { // [a, i, v] -> [v, a, i, v] -> [v, a, i] -> [a, i, v, a, i]
        l.add(new InsnNode(Opcodes.DUP_X2));
        l.add(new InsnNode(Opcodes.POP));
        l.add(new InsnNode(Opcodes.DUP2_X1));
      }
      l.add(call("arrayStore", "(Ljava/lang/Object;I)V"));
      return l;
    }

    /** After {@code super()}: each {@code @Param} field takes the explored combination's value. */
    private InsnList initParams() {
      InsnList l = new InsnList();
      for (FieldNode f : params.values()) {
        l.add(new VarInsnNode(Opcodes.ALOAD, 0));
        l.add(new InsnNode(Opcodes.DUP));
        l.add(new FieldInsnNode(Opcodes.GETFIELD, cn.name, f.name, f.desc));
        l.add(new LdcInsnNode(f.name));
        l.add(call("param", paramDescriptor(f.desc)));
        l.add(new FieldInsnNode(Opcodes.PUTFIELD, cn.name, f.name, f.desc));
      }
      return l;
    }

    /**
     * Whether the store at {@code i} is part of an array initialiser: {@code NEWARRAY, (DUP,
     * index constant, simple value, xASTORE)*}, the array still only on the operand stack.
     */
    private boolean initializesFreshArray(int i) {
      int k = previous(i);
      if (k >= 0 && boxing(insns[k])) {
        k = previous(k); // a varargs Object[] of boxed locals: Integer.valueOf(i)
      }
      if (k < 0 || !simpleValue(insns[k])) {
        return false;
      }
      k = previous(k);
      if (k < 0 || !intConstant(insns[k])) {
        return false;
      }
      k = previous(k);
      if (k < 0 || insns[k].getOpcode() != Opcodes.DUP) {
        return false;
      }
      k = previous(k);
      if (k < 0) {
        return false;
      }
      int op = insns[k].getOpcode();
      return op == Opcodes.NEWARRAY || op == Opcodes.ANEWARRAY || freshStore[k];
    }

    /** The index of the real instruction before {@code i}, skipping labels and line numbers. */
    private int previous(int i) {
      for (int k = i - 1; k >= 0; k--) {
        if (insns[k].getOpcode() >= 0) {
          return k;
        }
        if (jumpTargets.contains(insns[k])) {
          return -1;
        }
      }
      return -1;
    }

    private boolean jumpsBack(AbstractInsnNode in, int at) {
      for (LabelNode l : targets(in)) {
        Integer p = position.get(l);
        if (p != null && p <= at) {
          return true;
        }
      }
      return false;
    }

    private List<LabelNode> targets(AbstractInsnNode in) {
      if (in instanceof JumpInsnNode) {
        return List.of(((JumpInsnNode) in).label);
      }
      if (in instanceof TableSwitchInsnNode) {
        TableSwitchInsnNode t = (TableSwitchInsnNode) in;
        List<LabelNode> all = new java.util.ArrayList<>(t.labels);
        all.add(t.dflt);
        return all;
      }
      if (in instanceof LookupSwitchInsnNode) {
        LookupSwitchInsnNode t = (LookupSwitchInsnNode) in;
        List<LabelNode> all = new java.util.ArrayList<>(t.labels);
        all.add(t.dflt);
        return all;
      }
      return List.of();
    }
  }

  private static boolean intConstant(AbstractInsnNode in) {
    int op = in.getOpcode();
    return (op >= Opcodes.ICONST_M1 && op <= Opcodes.ICONST_5) || op == Opcodes.BIPUSH
        || op == Opcodes.SIPUSH;
  }

  /** An instruction that pushes one value and touches no shared state. */
  private static boolean simpleValue(AbstractInsnNode in) {
    int op = in.getOpcode();
    if (op >= Opcodes.ACONST_NULL && op <= Opcodes.LDC) {
      return true;
    }
    return in instanceof VarInsnNode && op >= Opcodes.ILOAD && op <= Opcodes.ALOAD;
  }

  private static final java.util.Set<String> BOXES = java.util.Set.of("java/lang/Integer",
      "java/lang/Long", "java/lang/Boolean", "java/lang/Short", "java/lang/Byte",
      "java/lang/Character", "java/lang/Float", "java/lang/Double");

  /** {@code Integer.valueOf(int)} and its siblings: autoboxing, which touches nothing shared. */
  private static boolean boxing(AbstractInsnNode in) {
    if (in.getOpcode() != Opcodes.INVOKESTATIC) {
      return false;
    }
    MethodInsnNode m = (MethodInsnNode) in;
    return m.name.equals("valueOf") && BOXES.contains(m.owner);
  }

  private static MethodInsnNode call(String name, String desc) {
    return new MethodInsnNode(Opcodes.INVOKESTATIC, HOOKS, name, desc, false);
  }
}
