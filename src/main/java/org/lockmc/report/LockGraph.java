package org.lockmc.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lock-class dependency graph as the reports draw it: lock classes as nodes, an edge {@code a
 * -> b} when a task acquired (or tried to acquire) class {@code b} while holding class {@code a},
 * and every edge that lies on a cycle marked.
 *
 * <p>This is the seam between the reports and whoever knows the graph. Today a {@link
 * LockGraphRecorder} records it during the exploration (and {@link #fromWitnesses} derives it from
 * the replayed counterexamples alone, enough to draw a deadlock's cycle); the lockdep analysis,
 * which models lockdep's classes and read levels faithfully, builds its own with {@link Builder}
 * and hands it to {@link ModelReport#withLockdep}.
 *
 * <p>Invariants: nodes and edges keep the order in which they were added (so renderings are
 * deterministic); there is at most one edge per ordered pair of classes; an edge is marked {@link
 * Edge#cycle()} exactly when its ends are in the same strongly connected component (a self-edge
 * is a cycle of one).
 *
 * @param origin one line saying where the graph comes from, shown with it
 * @param nodes the lock classes
 * @param edges the dependencies
 */
public record LockGraph(String origin, List<String> nodes, List<Edge> edges) {
  public LockGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * One dependency.
   *
   * @param from the class held
   * @param to the class acquired under it
   * @param cycle whether the edge lies on a cycle of the graph
   * @param evidence who showed it, one line each ({@code A: mutex_lock(b) at X.java:25})
   */
  public record Edge(String from, String to, boolean cycle, List<String> evidence) {
    public Edge {
      evidence = List.copyOf(evidence);
    }
  }

  /** Whether any edge lies on a cycle. */
  public boolean hasCycle() {
    return edges.stream().anyMatch(Edge::cycle);
  }

  /** Collects nodes and edges, then marks the cycles. */
  public static final class Builder {
    private final String origin;
    private final Set<String> nodes = new LinkedHashSet<>();
    private final Map<List<String>, List<String>> edges = new LinkedHashMap<>();

    public Builder(String origin) {
      this.origin = origin;
    }

    /** Adds a lock class (again: no effect). */
    public Builder node(String lockClass) {
      nodes.add(lockClass);
      return this;
    }

    /** Adds the dependency {@code from -> to}, with one line of evidence (null: none). */
    public Builder edge(String from, String to, String evidence) {
      node(from);
      node(to);
      List<String> ev = edges.computeIfAbsent(List.of(from, to), k -> new ArrayList<>());
      if (evidence != null && !ev.contains(evidence)) {
        ev.add(evidence);
      }
      return this;
    }

    public LockGraph build() {
      List<String> n = new ArrayList<>(nodes);
      Map<String, Integer> component = components(n, edges.keySet());
      List<Edge> out = new ArrayList<>();
      for (Map.Entry<List<String>, List<String>> e : edges.entrySet()) {
        String from = e.getKey().get(0);
        String to = e.getKey().get(1);
        boolean cycle = from.equals(to) || component.get(from).equals(component.get(to));
        out.add(new Edge(from, to, cycle, e.getValue()));
      }
      return new LockGraph(origin, n, out);
    }
  }

  /** The graph the counterexamples of one model show. */
  public static LockGraph fromWitnesses(List<Witness> witnesses) {
    Builder b = new Builder("the lock classes of the counterexample" + (witnesses.size() == 1 ? ""
        : "s") + "; an arrow a \u2192 b: b was acquired (or waited for) while a was held");
    for (Witness w : witnesses) {
      w.lockClasses().forEach(b::node);
      for (Witness.Dependency d : w.dependencies()) {
        b.edge(d.from(), d.to(), d.task() + ": " + d.op() + (d.site() == null ? "" : " at "
            + d.site()) + " holding " + d.from());
      }
    }
    return b.build();
  }

  /** Strongly connected components (Tarjan), as a component number per node. */
  private static Map<String, Integer> components(List<String> nodes, Set<List<String>> edges) {
    Map<String, List<String>> succ = new HashMap<>();
    for (List<String> e : edges) {
      succ.computeIfAbsent(e.get(0), k -> new ArrayList<>()).add(e.get(1));
    }
    Tarjan t = new Tarjan(succ);
    for (String n : nodes) {
      if (!t.index.containsKey(n)) {
        t.visit(n);
      }
    }
    return t.component;
  }

  /** Tarjan's algorithm; the graphs are small (a model's lock classes), so recursion is fine. */
  private static final class Tarjan {
    final Map<String, List<String>> succ;
    final Map<String, Integer> index = new HashMap<>();
    final Map<String, Integer> low = new HashMap<>();
    final Map<String, Integer> component = new HashMap<>();
    final List<String> stack = new ArrayList<>();
    final Set<String> onStack = new LinkedHashSet<>();
    int counter;
    int components;

    Tarjan(Map<String, List<String>> succ) {
      this.succ = succ;
    }

    void visit(String v) {
      index.put(v, counter);
      low.put(v, counter++);
      stack.add(v);
      onStack.add(v);
      for (String w : succ.getOrDefault(v, List.of())) {
        if (!index.containsKey(w)) {
          visit(w);
          low.put(v, Math.min(low.get(v), low.get(w)));
        } else if (onStack.contains(w)) {
          low.put(v, Math.min(low.get(v), index.get(w)));
        }
      }
      if (low.get(v).equals(index.get(v))) {
        String w;
        do {
          w = stack.remove(stack.size() - 1);
          onStack.remove(w);
          component.put(w, components);
        } while (!w.equals(v));
        components++;
      }
    }
  }
}
