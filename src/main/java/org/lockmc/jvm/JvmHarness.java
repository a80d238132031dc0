package org.lockmc.jvm;

import java.io.PrintStream;
import java.time.Duration;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.ModelError;
import org.lockmc.engine.TaskSpec;
import org.lockmc.engine.sync.Semantics;
import org.lockmc.model.Task;

/**
 * Runs a model on real threads: a fresh instance, one {@link Thread} per task instance, the
 * primitives' semantics under one monitor ({@link MonitorWorld}). This is the program Java
 * PathFinder explores, and what {@code lockmc run} runs once.
 *
 * <p>Kept simple enough for JPF's VM: plain reflection and {@code java.util} lists, no streams,
 * no string formatting.
 */
public final class JvmHarness {
  private JvmHarness() {}

  /**
   * Runs {@code type}'s tasks ({@code tasks}, in that order) once on the plain JVM and returns
   * what the run showed; a stall ends the run (its tasks stay blocked on daemon threads).
   * {@code log}, when not null, gets one line per operation performed and per task that blocks.
   * Tasks still running after {@code timeLimit} (a livelock) are left running, on daemon threads.
   */
  public static JvmOutcome run(Class<?> type, List<TaskSpec> tasks, Semantics semantics,
      PrintStream log, Duration timeLimit) throws InterruptedException {
    MonitorWorld world = new MonitorWorld(semantics, false, log);
    start(world, newInstance(type), tasks);
    return world.awaitOutcome(timeLimit.toMillis());
  }

  /**
   * Starts {@code type}'s tasks for JPF to explore, and returns: failures propagate out of their
   * threads and a stall stays a stall, for JPF's properties to report. Each operation is logged
   * to {@code log}, which JPF keeps per path and prints with an error.
   */
  static void startUnderJpf(Class<?> type, List<TaskSpec> tasks, PrintStream log) {
    MonitorWorld world = new MonitorWorld(Semantics.KERNEL, true, log);
    start(world, newInstance(type), tasks);
  }

  private static void start(MonitorWorld world, Object instance, List<TaskSpec> specs) {
    List<JvmTaskRuntime> started = new ArrayList<>();
    for (TaskSpec spec : specs) {
      for (int i = 0; i < spec.instances(); i++) {
        started.add(world.newTask(spec.instanceName(i), new TaskBody(instance, spec, i)));
      }
    }
    // every task exists before any runs, so that spawned tasks never take a declared name
    world.startAll(started);
  }

  /**
   * The {@code @Task} methods of {@code type} by plain reflection, in the order the class lists
   * them (declaration order under JPF). {@code lockmc run} uses {@code ModelDefinition} instead,
   * which also validates the model.
   */
  static List<TaskSpec> tasksOf(Class<?> type) {
    List<TaskSpec> specs = new ArrayList<>();
    for (Method m : type.getDeclaredMethods()) {
      Task t = m.getAnnotation(Task.class);
      if (t == null) {
        continue;
      }
      if (Modifier.isStatic(m.getModifiers())) {
        throw new ModelError(type.getName() + "." + m.getName()
            + ": a @Task method must be an instance method");
      }
      m.setAccessible(true);
      boolean takesIndex = m.getParameterTypes().length == 1;
      String name = t.value().isEmpty() ? m.getName() : t.value();
      specs.add(new TaskSpec(name, m, t.instances(), takesIndex));
    }
    if (specs.isEmpty()) {
      throw new ModelError(type.getName() + " has no @Task methods");
    }
    return specs;
  }

  private static Object newInstance(Class<?> type) {
    try {
      Constructor<?> c = type.getDeclaredConstructor();
      c.setAccessible(true);
      return c.newInstance();
    } catch (InvocationTargetException e) {
      throw new ModelError(type.getName() + ": the constructor failed with " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ModelError(type.getName() + ": cannot instantiate: " + e);
    }
  }

  /** One task instance's code: its method applied to the model instance. */
  private static final class TaskBody implements Runnable {
    private final Object instance;
    private final TaskSpec spec;
    private final int index;

    TaskBody(Object instance, TaskSpec spec, int index) {
      this.instance = instance;
      this.spec = spec;
      this.index = index;
    }

    @Override
    public void run() {
      try {
        if (spec.takesIndex()) {
          spec.method().invoke(instance, index);
        } else {
          spec.method().invoke(instance);
        }
      } catch (InvocationTargetException e) {
        throw JvmFailures.unchecked(e.getCause());
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
