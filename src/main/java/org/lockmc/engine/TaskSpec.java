package org.lockmc.engine;

import java.lang.reflect.Method;

/**
 * One {@code @Task} method of a model and how many instances of it run.
 *
 * @param name the task name (instances get {@code name/i})
 * @param method the task's method
 * @param instances how many instances run
 * @param takesIndex whether the method takes the instance index
 */
public record TaskSpec(String name, Method method, int instances, boolean takesIndex) {
  /** The name of instance {@code i}. */
  public String instanceName(int i) {
    return instances == 1 ? name : name + "/" + i;
  }
}
