package org.lockmc.engine;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lockmc.model.LockModel;
import org.lockmc.model.Lockdep;
import org.lockmc.model.Task;
import org.lockmc.model.Verdict;
import org.lockmc.runtime.ModelRuntime;
import org.lockmc.runtime.TaskRuntime;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * A model class as the engine runs it: its tasks in declaration order, its expectations, and a
 * way to make a fresh instance. Built once per model; every problem in the class is a {@link
 * ModelError} raised here, before any exploration.
 *
 * <p>A model with {@code @Param} fields has one definition per combination of their values
 * ({@link #combinations()}), each named {@code Model[pages=2]} and explored separately; {@link
 * #of} returns the first.
 */
public final class ModelDefinition {
  private final Class<?> type;
  private final List<TaskSpec> tasks;
  private final Set<Verdict> expect;
  private final Lockdep lockdep;
  private final String source;
  private final Constructor<?> constructor;
  private final ModelParams params;
  private final Map<String, Object> combination;
  /** The model's source file, relative to the working directory, or null when unknown. */
  private final String sourceFile;

  private ModelDefinition(Class<?> type, List<TaskSpec> tasks, Set<Verdict> expect,
      Lockdep lockdep, String source, Constructor<?> constructor, ModelParams params,
      Map<String, Object> combination, String sourceFile) {
    this.type = type;
    this.tasks = List.copyOf(tasks);
    this.expect = expect;
    this.lockdep = lockdep;
    this.source = source;
    this.constructor = constructor;
    this.params = params;
    this.combination = java.util.Collections.unmodifiableMap(
        new java.util.LinkedHashMap<>(combination));
    this.sourceFile = sourceFile;
  }

  /** Reads and validates the model class {@code type}; with parameters, its first combination. */
  public static ModelDefinition of(Class<?> type) {
    return all(type).get(0);
  }

  /** This model at every combination of its {@code @Param} values (just itself without any). */
  public List<ModelDefinition> combinations() {
    return all(type);
  }

  private static List<ModelDefinition> all(Class<?> type) {
    String where = type.getName();
    LockModel lm = type.getAnnotation(LockModel.class);
    if (lm == null) {
      throw new ModelError(where + " is not a model: it has no @LockModel annotation (add"
          + " @LockModel(expect = Verdict.SAFE, ...) to the class, naming the result you expect)");
    }
    if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
      throw new ModelError(where + " is abstract: a model must be a concrete class");
    }
    Set<Verdict> expect = expectation(where, lm);
    Constructor<?> ctor;
    try {
      ctor = type.getDeclaredConstructor();
      ctor.setAccessible(true);
    } catch (NoSuchMethodException e) {
      throw new ModelError(where + " has no no-argument constructor: lockmc makes a fresh"
          + " instance for every execution (add one, or remove the constructor's parameters)");
    }
    if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
      throw new ModelError(where + " is an inner class: declare it static or top-level");
    }
    Map<String, Integer> order = declarationOrder(type);
    ModelParams params = new ModelParams(type, order);
    List<Method> methods = taskMethods(type, order);
    List<ModelDefinition> out = new ArrayList<>();
    for (Map<String, Object> c : params.combinations()) {
      out.add(new ModelDefinition(type, tasks(type, methods, params, c), expect, lm.lockdep(),
          lm.source(), ctor, params, c, null));
    }
    return out;
  }

  private static Set<Verdict> expectation(String where, LockModel lm) {
    if (lm.expect().length == 0) {
      throw new ModelError(where + ": @LockModel(expect = {}) names no result; a model must say"
          + " what it expects (Verdict.SAFE, or the bad kinds it shows)");
    }
    Set<Verdict> expect = EnumSet.noneOf(Verdict.class);
    for (Verdict v : lm.expect()) {
      expect.add(v);
    }
    if (expect.contains(Verdict.SAFE) && expect.size() > 1) {
      throw new ModelError(where + ": @LockModel expects SAFE together with " + expect
          + "; SAFE means none of the bad kinds, so it stands alone");
    }
    return expect;
  }

  private static List<Method> taskMethods(Class<?> type, Map<String, Integer> order) {
    List<Method> methods = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      if (m.isAnnotationPresent(Task.class)) {
        methods.add(m);
      }
    }
    if (methods.isEmpty()) {
      throw new ModelError(type.getName() + " has no tasks: mark each method that stands for a"
          + " kernel task with @Task (for example @Task(\"ksmd\") void ksmd() { ... })");
    }
    methods.sort((a, b) -> Integer.compare(
        order.getOrDefault(a.getName() + descriptorOf(a), Integer.MAX_VALUE),
        order.getOrDefault(b.getName() + descriptorOf(b), Integer.MAX_VALUE)));
    return methods;
  }

  private static List<TaskSpec> tasks(Class<?> type, List<Method> methods, ModelParams params,
      Map<String, Object> combination) {
    List<TaskSpec> specs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Method m : methods) {
      TaskSpec spec = spec(type, m, params, combination);
      for (int i = 0; i < spec.instances(); i++) {
        if (!names.add(spec.instanceName(i))) {
          throw new ModelError(type.getName() + ": two tasks are named '" + spec.instanceName(i)
              + "'; give each @Task a distinct name");
        }
      }
      specs.add(spec);
    }
    if (names.isEmpty()) {
      throw new ModelError(ModelParams.name(type, combination) + " has no task instance: every"
          + " @Task has 0 instances in this @Param combination");
    }
    return specs;
  }

  private static TaskSpec spec(Class<?> type, Method m, ModelParams params,
      Map<String, Object> combination) {
    String where = type.getName() + "." + m.getName();
    Task t = m.getAnnotation(Task.class);
    if (Modifier.isStatic(m.getModifiers())) {
      throw new ModelError(where + ": a @Task method must be an instance method, not static");
    }
    if (m.getReturnType() != void.class) {
      throw new ModelError(where + ": a @Task method must return void");
    }
    Class<?>[] ps = m.getParameterTypes();
    boolean takesIndex = ps.length == 1 && ps[0] == int.class;
    if (ps.length > 1 || (ps.length == 1 && !takesIndex)) {
      throw new ModelError(where + ": a @Task method takes no parameter, or one int (the instance"
          + " index)");
    }
    int instances = t.instances();
    if (!t.instancesParam().isEmpty()) {
      if (!params.isIntParam(t.instancesParam())) {
        throw new ModelError(where + ": @Task(instancesParam = \"" + t.instancesParam()
            + "\") must name an int @Param field of the model");
      }
      instances = (Integer) combination.get(t.instancesParam());
      if (instances < 0) {
        throw new ModelError(where + ": @Param " + t.instancesParam() + " = " + instances
            + " is a negative number of task instances");
      }
    } else if (instances < 1) {
      throw new ModelError(where + ": @Task(instances = " + instances + ") must be at least 1");
    }
    m.setAccessible(true);
    String name = t.value().isEmpty() ? m.getName() : t.value();
    return new TaskSpec(name, m, instances, takesIndex);
  }

  private static String descriptorOf(Method m) {
    return org.objectweb.asm.Type.getMethodDescriptor(m);
  }

  /**
   * Class-file positions of the methods (by name and descriptor) and fields ({@code "field
   * name"}), which keep source order.
   */
  private static Map<String, Integer> declarationOrder(Class<?> type) {
    Map<String, Integer> order = new HashMap<>();
    String resource = type.getName().replace('.', '/') + ".class";
    ClassLoader loader = type.getClassLoader();
    try (InputStream in = loader == null ? null : loader.getResourceAsStream(resource)) {
      if (in == null) {
        return order;
      }
      new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
        @Override
        public FieldVisitor visitField(int access, String name, String descriptor,
            String signature, Object value) {
          order.putIfAbsent("field " + name, order.size());
          return null;
        }

        @Override
        public MethodVisitor visitMethod(int access, String name, String descriptor,
            String signature, String[] exceptions) {
          order.putIfAbsent(name + descriptor, order.size());
          return null;
        }
      }, ClassReader.SKIP_CODE);
    } catch (IOException e) {
      return order;
    }
    return order;
  }

  /**
   * Makes a fresh instance; a failing constructor is a model error. While the constructor runs,
   * the calling thread is bound to a runtime that answers {@code @Param} values (instrumented
   * constructors ask for them before any initialiser) and refuses kernel primitives.
   */
  public Object newInstance() {
    TaskRuntime previous = ModelRuntime.currentOrNull();
    ModelRuntime.bind(new ConstructionRuntime(combination));
    try {
      Object instance = constructor.newInstance();
      params.apply(instance, combination);
      return instance;
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      throw new ModelError(type.getName() + ": the constructor failed with " + c, c);
    } catch (ReflectiveOperationException e) {
      throw new ModelError(type.getName() + ": cannot instantiate: " + e, e);
    } finally {
      if (previous == null) {
        ModelRuntime.unbind();
      } else {
        ModelRuntime.bind(previous);
      }
    }
  }

  /** The value of {@code @Param} field {@code field} in this combination, or null. */
  Object param(String field) {
    return combination.get(field);
  }

  /** This combination's parameter values, in declaration order (empty without parameters). */
  public Map<String, Object> params() {
    return combination;
  }

  public Class<?> type() {
    return type;
  }

  /**
   * The model's fully qualified name, as reports and the CLI name it, with its parameter values:
   * {@code ksm2009.KsmOom[pages=2]}.
   */
  public String name() {
    return ModelParams.name(type, combination);
  }

  public List<TaskSpec> tasks() {
    return tasks;
  }

  public Set<Verdict> expect() {
    return expect;
  }

  public Lockdep lockdep() {
    return lockdep;
  }

  public String source() {
    return source;
  }

  /**
   * The {@code .java} file the model was compiled from, relative to the working directory (for
   * example {@code models/basics/AbbaDeadlock.java}), or null when it is not known. Reports and
   * SARIF locate findings in it.
   */
  public String sourceFile() {
    return sourceFile;
  }

  /** This definition, knowing that it was compiled from {@code file} (a relative path). */
  public ModelDefinition withSourceFile(String file) {
    return new ModelDefinition(type, tasks, expect, lockdep, source, constructor, params,
        combination, file);
  }
}
