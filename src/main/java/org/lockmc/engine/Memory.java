package org.lockmc.engine;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.lockmc.engine.sync.MemoryLocation;
import org.lockmc.engine.sync.MemoryLocation.Access;

/**
 * The shared memory locations of one execution, one {@link MemoryLocation} per field of each
 * object, static field and array element that a task touched. Identity is the object's identity
 * within this execution. Names, for traces, are deterministic for a given schedule prefix:
 * {@code ksmRun} for a field of the model instance; {@code Mm.users} for a field of another
 * object, {@code Mm#2.users} for the second object of that class that was touched;
 * {@code pages[3]} for an element of an array the model instance holds in field {@code pages},
 * {@code int[]#1[3]} for other arrays.
 */
final class Memory {
  private final Map<Object, Map<String, MemoryLocation>> fields = new IdentityHashMap<>();
  private final Map<String, MemoryLocation> statics = new HashMap<>();
  private final Map<Object, Map<Integer, MemoryLocation>> elements = new IdentityHashMap<>();
  private final Map<Object, String> ownerNames = new IdentityHashMap<>();
  private final Map<String, Integer> ownersPerClass = new HashMap<>();
  private final Map<Object, String> arrayNames = new IdentityHashMap<>();
  private int unnamedArrays;
  private Object model;

  /** The model instance of this execution, whose array fields name their arrays. */
  void model(Object instance) {
    this.model = instance;
  }

  Access field(Object owner, String field, boolean write) {
    Map<String, MemoryLocation> locs = fields.get(owner);
    if (locs == null) {
      locs = new HashMap<>();
      fields.put(owner, locs);
    }
    MemoryLocation loc = locs.get(field);
    if (loc == null) {
      loc = new MemoryLocation(ownerName(owner, field));
      locs.put(field, loc);
    }
    return write ? loc.write() : loc.read();
  }

  /**
   * {@code field} for the model instance, else {@code Class.field}, or {@code Class#k.field} for
   * the k-th object of that class seen.
   */
  private String ownerName(Object owner, String key) {
    int dot = key.indexOf('.');
    if (owner == model) {
      return key.substring(dot + 1);
    }
    String cls = key.substring(0, dot);
    String name = ownerNames.get(owner);
    if (name == null) {
      int k = ownersPerClass.merge(cls, 1, Integer::sum);
      name = k == 1 ? cls : cls + "#" + k;
      ownerNames.put(owner, name);
    }
    return name + key.substring(dot);
  }

  Access staticField(String field, boolean write) {
    MemoryLocation loc = statics.computeIfAbsent(field, MemoryLocation::new);
    return write ? loc.write() : loc.read();
  }

  Access element(Object array, int index, boolean write) {
    Map<Integer, MemoryLocation> locs = elements.get(array);
    if (locs == null) {
      locs = new HashMap<>();
      elements.put(array, locs);
    }
    MemoryLocation loc = locs.get(index);
    if (loc == null) {
      loc = new MemoryLocation(arrayName(array) + "[" + index + "]");
      locs.put(index, loc);
    }
    return write ? loc.write() : loc.read();
  }

  private String arrayName(Object array) {
    String name = arrayNames.get(array);
    if (name == null) {
      name = modelField(array);
      if (name == null) {
        name = array.getClass().getComponentType().getSimpleName() + "[]#" + (++unnamedArrays);
      }
      arrayNames.put(array, name);
    }
    return name;
  }

  /** The name of the model instance's field that holds {@code array}, or null. */
  private String modelField(Object array) {
    if (model == null) {
      return null;
    }
    for (Field f : model.getClass().getDeclaredFields()) {
      if (!f.getType().isArray() || Modifier.isStatic(f.getModifiers())) {
        continue;
      }
      try {
        f.setAccessible(true);
        if (f.get(model) == array) {
          return f.getName();
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        return null;
      }
    }
    return null;
  }
}
