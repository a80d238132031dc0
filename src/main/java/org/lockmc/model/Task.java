package org.lockmc.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link LockModel} as a kernel task.
 *
 * <p>The method takes no parameter, or one {@code int}: the index of the instance when {@link
 * #instances()} is above one (instances are named {@code name/0}, {@code name/1}, ...). The task's
 * name is the column it gets in every trace, so name it after the kernel context it stands for
 * ({@code ksmd}, {@code khugepaged}, {@code cpu_down}).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Task {
  /** The task's name; defaults to the method's name. */
  String value() default "";

  /** How many instances of this task run; each learns its index from its {@code int} parameter. */
  int instances() default 1;

  /**
   * The name of an {@code int} {@link Param} field that gives the number of instances instead of
   * {@link #instances()}, so that the task count varies with the explored combination.
   */
  String instancesParam() default "";
}
