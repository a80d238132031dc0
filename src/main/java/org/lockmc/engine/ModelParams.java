package org.lockmc.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lockmc.model.Param;

/**
 * The {@code @Param} fields of a model class and the combinations of their values, in field
 * declaration order (the first field varies slowest). Every problem with a {@code @Param}
 * declaration is a {@link ModelError}.
 */
final class ModelParams {
  private final List<Field> fields = new ArrayList<>();
  private final List<List<Object>> values = new ArrayList<>();

  /** Reads {@code type}'s parameters; {@code order} gives class-file positions of its members. */
  ModelParams(Class<?> type, Map<String, Integer> order) {
    List<Field> declared = new ArrayList<>(List.of(type.getDeclaredFields()));
    declared.sort((a, b) -> Integer.compare(order.getOrDefault("field " + a.getName(), 0),
        order.getOrDefault("field " + b.getName(), 0)));
    for (Field f : declared) {
      Param p = f.getAnnotation(Param.class);
      if (p == null) {
        continue;
      }
      String where = type.getName() + "." + f.getName();
      if (Modifier.isStatic(f.getModifiers())) {
        throw new ModelError(where + ": a @Param field must be an instance field, not static");
      }
      if (Modifier.isFinal(f.getModifiers())) {
        throw new ModelError(where + ": a @Param field must not be final (javac inlines a final"
            + " field's constant, so lockmc could not change it); remove 'final'");
      }
      if (p.value().length == 0) {
        throw new ModelError(where + ": @Param({}) names no value; list the values to explore,"
            + " such as @Param({\"1\", \"2\"})");
      }
      List<Object> parsed = new ArrayList<>();
      for (String v : p.value()) {
        parsed.add(parse(where, f.getType(), v));
      }
      f.setAccessible(true);
      fields.add(f);
      values.add(parsed);
    }
  }

  private static Object parse(String where, Class<?> type, String v) {
    try {
      if (type == int.class) {
        return Integer.parseInt(v.trim());
      }
      if (type == long.class) {
        return Long.parseLong(v.trim());
      }
      if (type == boolean.class) {
        if (v.trim().equals("true") || v.trim().equals("false")) {
          return Boolean.parseBoolean(v.trim());
        }
        throw new NumberFormatException();
      }
      if (type == String.class) {
        return v;
      }
    } catch (NumberFormatException e) {
      throw new ModelError(where + ": @Param value \"" + v + "\" is not a " + type.getName());
    }
    throw new ModelError(where + ": a @Param field must be an int, long, boolean or String, not "
        + type.getName());
  }

  boolean isEmpty() {
    return fields.isEmpty();
  }

  /** Whether {@code name} is an {@code int} parameter. */
  boolean isIntParam(String name) {
    for (Field f : fields) {
      if (f.getName().equals(name)) {
        return f.getType() == int.class;
      }
    }
    return false;
  }

  /** Every combination, as field name to value, in exploration order. */
  List<Map<String, Object>> combinations() {
    List<Map<String, Object>> out = new ArrayList<>();
    out.add(new LinkedHashMap<>());
    for (int i = 0; i < fields.size(); i++) {
      List<Map<String, Object>> next = new ArrayList<>();
      for (Map<String, Object> prefix : out) {
        for (Object v : values.get(i)) {
          Map<String, Object> c = new LinkedHashMap<>(prefix);
          c.put(fields.get(i).getName(), v);
          next.add(c);
        }
      }
      out = next;
    }
    return out;
  }

  /** Sets the parameter fields of {@code instance} to {@code combination}. */
  void apply(Object instance, Map<String, Object> combination) {
    for (Field f : fields) {
      try {
        f.set(instance, combination.get(f.getName()));
      } catch (IllegalAccessException e) {
        throw new ModelError(f.getName() + ": cannot set the @Param field: " + e, e);
      }
    }
  }

  /** {@code Model[pages=2,cpus=1]}, or the bare class name without parameters. */
  static String name(Class<?> type, Map<String, Object> combination) {
    if (combination.isEmpty()) {
      return type.getName();
    }
    StringBuilder b = new StringBuilder(type.getName()).append('[');
    combination.forEach((k, v) -> {
      if (b.charAt(b.length() - 1) != '[') {
        b.append(',');
      }
      b.append(k).append('=').append(v);
    });
    return b.append(']').toString();
  }
}
