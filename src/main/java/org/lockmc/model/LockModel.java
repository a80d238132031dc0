package org.lockmc.model;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as a lockmc model: a small locking scheme whose fields are the shared state and
 * whose {@link Task} methods are the kernel tasks.
 *
 * <p>Invariants the checker maintains for a model:
 *
 * <ul>
 *   <li>a fresh instance (no-argument constructor) is created for every explored execution;
 *   <li>every {@link Task} method runs exactly once per instance, on its own task;
 *   <li>the result is compared with {@link #expect()}: the set of bad kinds found must equal the
 *       expected set, or be empty for {@link Verdict#SAFE}, with complete exploration.
 * </ul>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface LockModel {
  /**
   * The expected result. Several kinds may be named when a model has several bugs; {@link
   * Verdict#SAFE} stands alone.
   */
  Verdict[] expect();

  /** What lockdep reports for this model. */
  Lockdep lockdep() default Lockdep.UNSPECIFIED;

  /**
   * Where the scheme comes from: a seed file and its lines ({@code "001_803000348cbfa086.txt:L1152-L1173"}),
   * a kernel source path, or a Documentation/ file.
   */
  String source() default "";
}
