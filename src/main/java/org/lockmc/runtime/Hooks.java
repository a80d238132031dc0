package org.lockmc.runtime;

/**
 * The static methods that instrumented model code calls (the instrumentation inserts the calls;
 * models never call them). Before each access to shared memory a hook reports it to the running
 * task, where it is a scheduling point. Outside a task (a model's constructor or field
 * initialisers, run before exploration) they do nothing, except that {@code param} hooks answer
 * with the values of the {@code @Param} combination being explored.
 */
public final class Hooks {
  private Hooks() {}

  /** Before {@code GETFIELD owner.field}; {@code field} is {@code Class.field}. */
  public static void getField(Object owner, String field) {
    TaskRuntime r = ModelRuntime.currentOrNull();
    if (r != null) {
      r.access(owner, field, false);
    }
  }

  /** Before {@code PUTFIELD owner.field}. */
  public static void putField(Object owner, String field) {
    TaskRuntime r = ModelRuntime.currentOrNull();
    if (r != null) {
      r.access(owner, field, true);
    }
  }

  /** Before {@code GETSTATIC field}. */
  public static void getStatic(String field) {
    TaskRuntime r = ModelRuntime.currentOrNull();
    if (r != null) {
      r.accessStatic(field, false);
    }
  }

  /** Before {@code PUTSTATIC field}. */
  public static void putStatic(String field) {
    TaskRuntime r = ModelRuntime.currentOrNull();
    if (r != null) {
      r.accessStatic(field, true);
    }
  }

  /** Before an array element load. */
  public static void arrayLoad(Object array, int index) {
    TaskRuntime r = ModelRuntime.currentOrNull();
    if (r != null) {
      r.accessArray(array, index, false);
    }
  }

  /** Before an array element store. */
  public static void arrayStore(Object array, int index) {
    TaskRuntime r = ModelRuntime.currentOrNull();
    if (r != null) {
      r.accessArray(array, index, true);
    }
  }

  /** Before a backward jump (a loop iteration): counted, not a scheduling point. */
  public static void backEdge() {
    TaskRuntime r = ModelRuntime.currentOrNull();
    if (r != null) {
      r.backEdge();
    }
  }

  /** The value of {@code int} {@code @Param} field {@code field}, or {@code value} when unset. */
  public static int param(int value, String field) {
    Object v = paramValue(field);
    return v == null ? value : ((Number) v).intValue();
  }

  /** As {@link #param(int, String)} for a {@code long} field. */
  public static long param(long value, String field) {
    Object v = paramValue(field);
    return v == null ? value : ((Number) v).longValue();
  }

  /** As {@link #param(int, String)} for a {@code boolean} field. */
  public static boolean param(boolean value, String field) {
    Object v = paramValue(field);
    return v == null ? value : (Boolean) v;
  }

  /** As {@link #param(int, String)} for a {@code String} field. */
  public static String param(String value, String field) {
    Object v = paramValue(field);
    return v == null ? value : (String) v;
  }

  private static Object paramValue(String field) {
    TaskRuntime r = ModelRuntime.currentOrNull();
    return r == null ? null : r.param(field);
  }
}
