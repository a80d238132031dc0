package org.lockmc.engine;

import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import org.lockmc.engine.sync.MemoryLocation;
import org.lockmc.engine.sync.MemoryLocation.Access;

/**
 * The shared memory locations of one execution, one {@link MemoryLocation} per field of each
 * object, static field and array element that a task touched. Identity is the object's identity
 * within this execution; names (for traces) are {@code Class.field} and {@code Class.field[i]}.
 */
final class Memory {
  private final Map<Object, Map<String, MemoryLocation>> fields = new IdentityHashMap<>();
  private final Map<String, MemoryLocation> statics = new HashMap<>();
  private final Map<Object, Map<Integer, MemoryLocation>> elements = new IdentityHashMap<>();

  Access field(Object owner, String field, boolean write) {
    MemoryLocation loc = fields.computeIfAbsent(owner, o -> new HashMap<>())
        .computeIfAbsent(field, f -> new MemoryLocation(f));
    return new Access(loc, write);
  }

  Access staticField(String field, boolean write) {
    return new Access(statics.computeIfAbsent(field, MemoryLocation::new), write);
  }

  Access element(Object array, int index, boolean write) {
    MemoryLocation loc = elements.computeIfAbsent(array, a -> new HashMap<>())
        .computeIfAbsent(index, i -> new MemoryLocation(
            array.getClass().getComponentType().getSimpleName() + "[" + i + "]"));
    return new Access(loc, write);
  }
}
