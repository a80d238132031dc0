package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.List;

/**
 * A circular dependency as lockdep reports it: the dependency being recorded, {@code prev ->
 * next} (the {@code closing} event: the task holds {@code prev} and acquires {@code next}), and the
 * shortest existing path back, {@code next = L0 -> L1 -> ... -> LN = prev}.
 *
 * @param path the classes {@code L0 .. LN}; {@code N >= 1}
 * @param edges the existing edges {@code L(k-1) -> Lk}, {@code N} of them
 * @param closing the first recording of the dependency that closes the cycle
 */
public record Cycle(List<LockClass> path, List<Edge> edges, DepEvent closing) {

  public Cycle {
    path = List.copyOf(path);
    edges = List.copyOf(edges);
  }

  /** The lock being acquired ({@code #0}). */
  public LockClass next() {
    return path.get(0);
  }

  /** The lock already held ({@code #N}). */
  public LockClass prev() {
    return path.get(path.size() - 1);
  }

  /** {@code N}, the number of existing hops. */
  public int depth() {
    return path.size() - 1;
  }

  /** The classes of the cycle, from {@code next}. */
  public List<String> classNames() {
    List<String> out = new ArrayList<>();
    for (LockClass c : path) {
      out.add(c.displayName());
    }
    return out;
  }

  /** {@code prev -> next -> L1 -> ... -> prev}: every dependency of the cycle in order. */
  public String chain() {
    StringBuilder b = new StringBuilder(prev().displayName());
    for (LockClass c : path) {
      b.append(" -> ").append(c.displayName());
    }
    return b.toString();
  }

  /** A key that is the same for every rotation of the cycle. */
  String canonicalKey() {
    int n = path.size();
    int start = 0;
    for (int i = 1; i < n; i++) {
      if (path.get(i).id() < path.get(start).id()) {
        start = i;
      }
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append(path.get((start + i) % n).id()).append(',');
    }
    return b.toString();
  }
}
