package org.lockmc.engine;

import java.util.Map;
import org.lockmc.engine.sync.Op;
import org.lockmc.engine.sync.TaskState;
import org.lockmc.runtime.TaskRuntime;

/**
 * What a model's constructor runs with: shared-field hooks do nothing (the instance is not shared
 * yet), {@code @Param} fields get the explored combination's values, and kernel primitives are
 * refused, as they are anywhere outside a task.
 */
final class ConstructionRuntime implements TaskRuntime {
  private final Map<String, Object> params;

  ConstructionRuntime(Map<String, Object> params) {
    this.params = params;
  }

  private static IllegalStateException outsideTask() {
    return new IllegalStateException(
        "a kernel primitive was used outside a @Task method (for example in a constructor or"
            + " field initializer); primitives may only be operated by tasks");
  }

  @Override
  public long perform(Op op) {
    throw outsideTask();
  }

  @Override
  public void access(Object owner, String field, boolean write) {}

  @Override
  public void accessStatic(String field, boolean write) {}

  @Override
  public void accessArray(Object array, int index, boolean write) {}

  @Override
  public void yieldPoint(String what) {
    throw outsideTask();
  }

  @Override
  public int choose(int n) {
    throw outsideTask();
  }

  @Override
  public void check(boolean condition, String message) {
    throw outsideTask();
  }

  @Override
  public void mightSleep(String what) {
    throw outsideTask();
  }

  @Override
  public TaskState task() {
    throw outsideTask();
  }

  @Override
  public String callSite() {
    return null;
  }

  @Override
  public Object param(String field) {
    return params.get(field);
  }
}
