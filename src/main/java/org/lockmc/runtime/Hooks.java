package org.lockmc.runtime;

/**
 * The static methods that instrumented model code calls before each access to shared memory.
 * Outside a task (a model's constructor, field initialisers) they do nothing.
 */
public final class Hooks {
  private Hooks() {}

  /** Before {@code GETFIELD owner.field}. */
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
}
