package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Answers a real splat against a model: is the splat's cycle reproduced by the model's lockdep
 * graph, and if so, is it a confirmed deadlock, a false positive, or unknown.
 *
 * <p>A circular splat is reproduced when its classes map onto distinct model classes (see {@link
 * ClassNameMatcher}) such that the model has every dependency of the splat's cycle ({@code L0 ->
 * L1 -> ... -> LN -> L0}) and lockdep's rules would report that cycle (a closed strong path). A
 * recursive splat is reproduced when the model has recursive locking of the matching class. The
 * verdict on a reproduced cycle is the {@link Classifier}'s.
 */
public final class SplatReproduction {
  private static final int MAX_COMBINATIONS = 100_000;

  private SplatReproduction() {}

  /** The answer. */
  public enum Answer {
    CONFIRMED("reproduced, confirmed deadlock"),
    FALSE_POSITIVE("reproduced, false positive"),
    UNKNOWN("reproduced, unknown (exploration bounded)"),
    NOT_REPRODUCED("not reproduced");

    private final String label;

    Answer(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  /** How one class of the splat maps onto the model: null {@code modelClass} when it does not. */
  public record Mapping(String splatName, LockClass modelClass, String how) {}

  /**
   * The answer, with its reasons.
   *
   * @param answer the answer
   * @param explanation one sentence: the classification, or what the model lacks
   * @param mapping each class of the splat (circular: {@code L0 = #0} first) and its model class
   * @param edges the model's dependencies of the reproduced cycle, in cycle order, or empty
   * @param classification the verdict on a reproduced report, or null
   * @param notes differences worth knowing (read/write modes)
   */
  public record Result(Answer answer, String explanation, List<Mapping> mapping, List<Edge> edges,
      Classification classification, List<String> notes) {
    public Result {
      mapping = List.copyOf(mapping);
      edges = List.copyOf(edges);
      notes = List.copyOf(notes);
    }
  }

  /** Answers {@code splat} against the model whose lockdep view is {@code report}. */
  public static Result check(ParsedSplat splat, LockdepReport report) {
    return splat.kind() == ParsedSplat.Kind.RECURSIVE ? recursive(splat, report)
        : circular(splat, report);
  }

  private static Result circular(ParsedSplat splat, LockdepReport report) {
    DependencyGraph g = report.graph();
    List<String> names = splat.path();
    List<List<ClassNameMatcher.Match>> candidates = new ArrayList<>();
    List<Mapping> unmapped = new ArrayList<>();
    for (String n : names) {
      List<ClassNameMatcher.Match> c = ClassNameMatcher.candidates(n, g.classes());
      candidates.add(c);
      unmapped.add(c.isEmpty() ? new Mapping(n, null, "no model class")
          : new Mapping(n, c.get(0).modelClass(), c.get(0).how()));
    }
    for (int i = 0; i < names.size(); i++) {
      if (candidates.get(i).isEmpty()) {
        return new Result(Answer.NOT_REPRODUCED, "the model has no lock class for "
            + names.get(i) + " (its classes: " + g.classes() + ")", unmapped, List.of(), null,
            List.of());
      }
    }
    Best best = new Best();
    search(splat, report, candidates, new ArrayList<>(), best);
    if (best.reproduced) {
      Classification c = report.classifier().circular(best.edges);
      return new Result(answer(c), c.reason(), best.mapping, best.edges, c,
          notes(splat, g, best.mapping));
    }
    String why = best.missing != null ? best.missing
        : "the splat's classes do not map onto distinct model classes";
    return new Result(Answer.NOT_REPRODUCED, why, best.mapping.isEmpty() ? unmapped
        : best.mapping, List.of(), null, List.of());
  }

  /** The best assignment so far: a reproduced one, or the one with most dependencies present. */
  private static final class Best {
    boolean reproduced;
    int evaluated;
    int present = -1;
    String missing;
    List<Mapping> mapping = List.of();
    List<Edge> edges = List.of();
  }

  private static void search(ParsedSplat splat, LockdepReport report,
      List<List<ClassNameMatcher.Match>> candidates, List<ClassNameMatcher.Match> chosen,
      Best best) {
    if (best.reproduced || best.evaluated >= MAX_COMBINATIONS) {
      return;
    }
    int k = chosen.size();
    if (k == candidates.size()) {
      evaluate(splat, report, chosen, best);
      return;
    }
    for (ClassNameMatcher.Match m : candidates.get(k)) {
      boolean distinct = chosen.stream().noneMatch(c -> c.modelClass() == m.modelClass());
      if (distinct) {
        chosen.add(m);
        search(splat, report, candidates, chosen, best);
        chosen.remove(chosen.size() - 1);
      }
    }
  }

  private static void evaluate(ParsedSplat splat, LockdepReport report,
      List<ClassNameMatcher.Match> chosen, Best best) {
    DependencyGraph g = report.graph();
    best.evaluated++;
    int n = chosen.size();
    List<Edge> edges = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      LockClass from = chosen.get(i).modelClass();
      LockClass to = chosen.get((i + 1) % n).modelClass();
      Edge e = g.edge(from, to);
      if (e == null) {
        int entry = (i + 1) % n;
        missing.add("the model never takes " + to + " while holding " + from + " (the splat's"
            + " -> #" + entry + (entry == 0 ? ", the acquisition that closes the cycle" : "")
            + frames(splat, entry) + ")");
      } else {
        edges.add(e);
      }
    }
    List<Mapping> mapping = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      mapping.add(new Mapping(splat.path().get(i), chosen.get(i).modelClass(),
          chosen.get(i).how()));
    }
    if (missing.isEmpty() && CycleSearch.strongCycle(edges, report.rules())) {
      best.reproduced = true;
      best.mapping = mapping;
      best.edges = edges;
      return;
    }
    if (edges.size() > best.present) {
      best.present = edges.size();
      best.mapping = mapping;
      best.missing = missing.isEmpty()
          ? "the model has every dependency of the cycle, but lockdep's recursive-read rules ("
              + report.rules().label() + ") do not report it: no choice of dependency kinds "
              + "makes it a strong cycle"
          : String.join("; ", missing);
    }
  }

  /** A few meaningful frames of chain entry {@code k}: where the kernel recorded it. */
  private static String frames(ParsedSplat splat, int k) {
    ParsedSplat.ChainEntry e = splat.entry(k);
    if (e == null) {
      return "";
    }
    List<String> shown = new ArrayList<>();
    for (String f : e.frames()) {
      if (!LOCKING_FRAMES.contains(f) && !f.startsWith("__lock") && !f.startsWith("lock_acquire")
          && !f.startsWith("check_") && !f.startsWith("__mutex_lock")) {
        shown.add(f);
      }
      if (shown.size() == 3) {
        break;
      }
    }
    return shown.isEmpty() ? "" : ": " + String.join(" <- ", shown);
  }

  private static final Set<String> LOCKING_FRAMES = Set.of("validate_chain", "mutex_lock_nested",
      "mutex_lock", "down_read", "down_write", "lock_acquire", "__lock_acquire");

  private static Result recursive(ParsedSplat splat, LockdepReport report) {
    String name = splat.acquiring().name();
    List<ClassNameMatcher.Match> candidates =
        ClassNameMatcher.candidates(name, report.graph().classes());
    if (candidates.isEmpty()) {
      return new Result(Answer.NOT_REPRODUCED, "the model has no lock class for " + name,
          List.of(new Mapping(name, null, "no model class")), List.of(), null, List.of());
    }
    for (ClassNameMatcher.Match m : candidates) {
      for (LockdepReport.Recursive r : report.recursive()) {
        if (r.report().lockClass().equals(m.modelClass())) {
          Classification c = r.classification();
          return new Result(answer(c), c.reason(), List.of(new Mapping(name, m.modelClass(),
              m.how())), List.of(), c, List.of());
        }
      }
    }
    ClassNameMatcher.Match m = candidates.get(0);
    return new Result(Answer.NOT_REPRODUCED, "no task of the model acquires " + m.modelClass()
        + " while holding it", List.of(new Mapping(name, m.modelClass(), m.how())), List.of(),
        null, List.of());
  }

  private static Answer answer(Classification c) {
    switch (c.kind()) {
      case CONFIRMED:
        return Answer.CONFIRMED;
      case FALSE_POSITIVE:
        return Answer.FALSE_POSITIVE;
      default:
        return Answer.UNKNOWN;
    }
  }

  /** Where the splat's read/write usage of a class differs from the model's. */
  private static List<String> notes(ParsedSplat splat, DependencyGraph g, List<Mapping> mapping) {
    List<String> notes = new ArrayList<>();
    for (int i = 0; i < mapping.size(); i++) {
      ParsedSplat.ChainEntry e = splat.entry(i);
      LockClass c = mapping.get(i).modelClass();
      if (e == null || c == null) {
        continue;
      }
      String u = g.usage(c);
      ParsedSplat.Usage model = ParsedSplat.Usage.of(u.substring(1, u.length() - 1));
      ParsedSplat.Usage real = e.mode();
      if (real != ParsedSplat.Usage.UNKNOWN && model != ParsedSplat.Usage.UNKNOWN
          && real != model) {
        notes.add(e.name() + " is used " + describe(real) + " in the splat ({" + e.usage()
            + "}) but " + describe(model) + " in the model (" + u + ")");
      }
    }
    return notes;
  }

  private static String describe(ParsedSplat.Usage u) {
    switch (u) {
      case READ:
        return "for read only";
      case WRITE:
        return "for write only";
      default:
        return "for read and write";
    }
  }
}
