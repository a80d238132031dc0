package org.lockmc.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an instance field of a {@link LockModel} as a size the model is checked at: a loop bound,
 * a number of pages or cpus, a number of task instances. {@code lockmc check} explores every
 * combination of the values of all {@code @Param} fields separately, and reports each one under
 * its own name, {@code Model[pages=1, cpus=2]}.
 *
 * <pre>
 * &#64;Param({"1", "2"}) int pages;
 * final PageAllocator memory = new PageAllocator("memory", pages, oom);  // sees the value
 * </pre>
 *
 * <p>The field takes the combination's value before any field initialiser or constructor code
 * runs, so initialisers may use it. Supported types: {@code int}, {@code long}, {@code boolean},
 * {@code String}; the field must not be {@code final} (javac would inline a constant) nor static.
 * A parameter can also give a task's number of instances: {@code @Task(value = "reader",
 * instancesParam = "readers")}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
public @interface Param {
  /** The values to explore, as Java literals of the field's type ({@code "2"}, {@code "true"}). */
  String[] value();
}
