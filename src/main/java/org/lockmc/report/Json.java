package org.lockmc.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree and its one printed form, for {@code summary.json}, {@code --json} and SARIF.
 * lockmc needs to write JSON, never to read it, so a few dozen lines replace a library.
 *
 * <p>Invariants: objects keep their keys in insertion order, so the same data always prints to
 * the same bytes; the output is pretty-printed with two-space indentation, {@code "\n"} line
 * ends and a final newline; strings are escaped per RFC 8259 (control characters as {@code
 * \}{@code uXXXX}); there are no floating-point numbers, only integers, so no locale or rounding
 * can creep in.
 */
public final class Json {
  private Json() {}

  /** A JSON object under construction; keys print in the order they were first put. */
  public static final class Obj {
    private final Map<String, Object> members = new LinkedHashMap<>();

    /** Sets {@code key}; a null value prints as {@code null}. */
    public Obj put(String key, Object value) {
      members.put(key, check(value));
      return this;
    }

    /** Sets {@code key} unless {@code value} is null. */
    public Obj putIfPresent(String key, Object value) {
      if (value != null) {
        put(key, value);
      }
      return this;
    }

    /** Whether nothing was put. */
    public boolean isEmpty() {
      return members.isEmpty();
    }
  }

  /** A new, empty object. */
  public static Obj object() {
    return new Obj();
  }

  /** An array of {@code items} (strings, numbers, booleans, objects, arrays or null). */
  public static List<Object> array(List<?> items) {
    List<Object> out = new ArrayList<>(items.size());
    for (Object o : items) {
      out.add(check(o));
    }
    return out;
  }

  private static Object check(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Obj
        || v instanceof Integer || v instanceof Long) {
      return v;
    }
    if (v instanceof List) {
      return array((List<?>) v);
    }
    throw new IllegalArgumentException("not a JSON value: " + v.getClass().getName());
  }

  /** The printed form of {@code root}, ending in a newline. */
  public static String print(Obj root) {
    StringBuilder b = new StringBuilder();
    write(b, root, 0);
    return b.append('\n').toString();
  }

  private static void write(StringBuilder b, Object v, int depth) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String) {
      string(b, (String) v);
    } else if (v instanceof Obj) {
      Map<String, Object> m = ((Obj) v).members;
      if (m.isEmpty()) {
        b.append("{}");
        return;
      }
      b.append("{\n");
      int i = 0;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        indent(b, depth + 1);
        string(b, e.getKey());
        b.append(": ");
        write(b, e.getValue(), depth + 1);
        b.append(++i < m.size() ? ",\n" : "\n");
      }
      indent(b, depth);
      b.append('}');
    } else if (v instanceof List) {
      List<?> l = (List<?>) v;
      if (l.isEmpty()) {
        b.append("[]");
        return;
      }
      b.append("[\n");
      for (int i = 0; i < l.size(); i++) {
        indent(b, depth + 1);
        write(b, l.get(i), depth + 1);
        b.append(i + 1 < l.size() ? ",\n" : "\n");
      }
      indent(b, depth);
      b.append(']');
    } else {
      b.append(v);
    }
  }

  private static void indent(StringBuilder b, int depth) {
    b.append("  ".repeat(depth));
  }

  private static void string(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          b.append("\\\"");
          break;
        case '\\':
          b.append("\\\\");
          break;
        case '\n':
          b.append("\\n");
          break;
        case '\r':
          b.append("\\r");
          break;
        case '\t':
          b.append("\\t");
          break;
        default:
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
      }
    }
    b.append('"');
  }
}
