package org.lockmc.engine;

import java.util.HashMap;
import java.util.Map;

/**
 * Stable task ids for one exploration. DPOR's choice points name tasks by id across executions,
 * so a task must get the same id in every execution it appears in: static tasks are numbered in
 * declaration order, a dynamic task by who started it and how many tasks that one had started
 * before ({@code parent#k}), which does not depend on the interleaving.
 */
final class TaskRegistry {
  private final Map<String, Integer> ids = new HashMap<>();

  /** The id of the task with {@code key}, assigning the next free id on first sight. */
  int id(String key) {
    Integer id = ids.get(key);
    if (id == null) {
      id = ids.size();
      ids.put(key, id);
    }
    return id;
  }
}
