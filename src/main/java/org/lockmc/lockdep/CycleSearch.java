package org.lockmc.lockdep;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the cycles lockdep would report, by replaying the graph's first recordings in order as
 * {@code check_noncircular()} sees them: when {@code prev -> next} is recorded, a breadth-first
 * search from {@code next} over the dependencies recorded before it looks for a path back to
 * {@code prev}. Breadth-first, so the path is the shortest one, as lockdep prints it.
 *
 * <p>With {@link LockdepRules#V5_10} the path must be <em>strong</em> (no {@code -(xR)->} step
 * followed by a {@code -(Sx)->} step) and close a strong cycle ({@code hlock_conflict}: the new
 * dependency is {@code -(E*)->} or the path ends {@code -(*N)->}). The search runs over (class,
 * last step was only {@code xR}) states, so no strong path is missed. Before 5.10 every stored
 * dependency counts.
 *
 * <p>Each cycle is reported once (at the recording that first closes it), unlike the kernel, which
 * stops after its first report.
 */
public final class CycleSearch {
  private final DependencyGraph graph;
  private final boolean typed;
  private final int[] active;

  private CycleSearch(DependencyGraph graph, LockdepRules rules) {
    this.graph = graph;
    this.typed = rules.typedDependencies();
    this.active = new int[graph.edges().size()];
  }

  /** The cycles of {@code graph} under {@code rules}, in the order lockdep would meet them. */
  public static List<Cycle> run(DependencyGraph graph, LockdepRules rules) {
    return new CycleSearch(graph, rules).replay();
  }

  private List<Cycle> replay() {
    List<Cycle> cycles = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DepEvent e : graph.events()) {
      List<Edge> path = search(e.to(), e.from(), Dep.exclusivePrev(e.bit()),
          Dep.recursiveNext(e.bit()));
      if (path != null) {
        List<LockClass> classes = new ArrayList<>();
        classes.add(e.to());
        for (Edge p : path) {
          classes.add(p.to());
        }
        Cycle c = new Cycle(classes, path, e);
        if (seen.add(c.canonicalKey())) {
          cycles.add(c);
        }
      }
      if (e.stored()) {
        active[e.edge().index()] |= 1 << e.bit();
      }
    }
    return cycles;
  }

  /**
   * The shortest (strong) path from {@code from} to {@code to} over the dependencies replayed so
   * far that closes a cycle with a new dependency {@code to -> from}, or null.
   *
   * @param closingExclusive whether the new dependency's {@code prev} is held exclusively
   * @param rootOnlyXr whether the new dependency's {@code next} is a recursive read
   */
  private List<Edge> search(LockClass from, LockClass to, boolean closingExclusive,
      boolean rootOnlyXr) {
    if (from == to) {
      return null;
    }
    int n = graph.classes().size();
    int[] parent = new int[2 * n];
    Edge[] via = new Edge[2 * n];
    Arrays.fill(parent, -2);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    int root = state(from.id(), typed && rootOnlyXr);
    parent[root] = -1;
    queue.add(root);
    while (!queue.isEmpty()) {
      int s = queue.poll();
      int cls = s >> 1;
      boolean onlyXr = (s & 1) != 0;
      if (cls == to.id() && (!typed || closingExclusive || !onlyXr)) {
        return path(s, parent, via);
      }
      for (Edge e : graph.after(graph.classes().get(cls))) {
        int dep = active[e.index()];
        if (typed && onlyXr) {
          dep &= ~Dep.SHARED_PREV;
        }
        if (dep == 0) {
          continue;
        }
        boolean nextOnlyXr = typed && (dep & Dep.NON_RECURSIVE_NEXT) == 0;
        int t = state(e.to().id(), nextOnlyXr);
        if (parent[t] == -2) {
          parent[t] = s;
          via[t] = e;
          queue.add(t);
        }
      }
    }
    return null;
  }

  private static int state(int cls, boolean onlyXr) {
    return cls << 1 | (onlyXr ? 1 : 0);
  }

  private static List<Edge> path(int s, int[] parent, Edge[] via) {
    List<Edge> out = new ArrayList<>();
    for (int x = s; parent[x] != -1; x = parent[x]) {
      out.add(0, via[x]);
    }
    return out;
  }

  /**
   * Whether the edges {@code e0 -> e1 -> ... -> e0} (each with all the kinds recorded) form a
   * cycle lockdep reports under {@code rules}: some choice of one kind per edge is a closed
   * strong path.
   */
  public static boolean strongCycle(List<Edge> cycle, LockdepRules rules) {
    if (!rules.typedDependencies()) {
      return true;
    }
    int n = cycle.size();
    for (int first = Dep.SR; first <= Dep.EN; first++) {
      if (!cycle.get(0).has(first)) {
        continue;
      }
      boolean[] reach = new boolean[4];
      reach[first] = true;
      for (int i = 1; i < n; i++) {
        reach = step(reach, cycle.get(i));
      }
      for (int last = Dep.SR; last <= Dep.EN; last++) {
        if (reach[last] && compatible(last, first)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean[] step(boolean[] reach, Edge e) {
    boolean[] out = new boolean[4];
    for (int prev = Dep.SR; prev <= Dep.EN; prev++) {
      if (!reach[prev]) {
        continue;
      }
      for (int bit = Dep.SR; bit <= Dep.EN; bit++) {
        if (e.has(bit) && compatible(prev, bit)) {
          out[bit] = true;
        }
      }
    }
    return out;
  }

  /** A {@code -(xR)->} step may not be followed by a {@code -(Sx)->} step. */
  private static boolean compatible(int before, int after) {
    return !(Dep.recursiveNext(before) && !Dep.exclusivePrev(after));
  }
}
