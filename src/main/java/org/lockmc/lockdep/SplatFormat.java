package org.lockmc.lockdep;

import java.util.List;

/**
 * The building blocks every lockdep report shares (lockdep.md 1.1), with lockmc's substitutions:
 * no instance addresses, model lines ({@code Model.java:42}) in place of {@code at: symbol+off},
 * task names and stable ids in place of {@code comm/pid}, and an ident line naming the model and
 * the rules in place of the kernel release.
 */
final class SplatFormat {
  private final DependencyGraph graph;
  private final String ident;

  SplatFormat(DependencyGraph graph, String model, LockdepRules rules) {
    this.graph = graph;
    this.ident = "lockmc " + model + " (lockdep " + rules.label() + " rules)";
  }

  /** The rules and title; rule lengths equal the title length, as lockdep prints them. */
  void header(StringBuilder b, String title) {
    b.append("=".repeat(title.length())).append('\n');
    b.append(title).append('\n');
    b.append(ident).append('\n');
    b.append("-".repeat(title.length())).append('\n');
  }

  /** {@code print_lock_name()}: {@code  (name){usage}-{o:i}}, with its leading space. */
  String className(LockClass c) {
    return " (" + c.displayName() + ")" + graph.usage(c) + "-" + c.waitType();
  }

  /** {@code print_lock()} without the instance address. */
  String lock(LockClass c, String site) {
    return className(c) + ", at: " + site;
  }

  /** {@code lockdep_print_held_locks()}. */
  void heldLocks(StringBuilder b, String taskId, List<HeldLock> held) {
    if (held.isEmpty()) {
      b.append("no locks held by ").append(taskId).append(".\n");
      return;
    }
    b.append(held.size()).append(held.size() == 1 ? " lock" : " locks").append(" held by ")
        .append(taskId).append(":\n");
    for (int i = 0; i < held.size(); i++) {
      HeldLock h = held.get(i);
      b.append(" #").append(i).append(": ").append(lock(h.lockClass(), h.site())).append('\n');
    }
  }

  /**
   * The "stack trace" of a recording, as frame lines (7 leading blanks, as {@code
   * print_lock_trace(trace, 6)} prints them): the operation and its line, then what was held.
   */
  static void trace(StringBuilder b, EdgeRecord r) {
    b.append("       ").append(r.op()).append(" at ").append(r.site()).append('\n');
    StringBuilder held = new StringBuilder();
    for (HeldLock h : r.held()) {
      held.append(held.length() == 0 ? "" : ", ").append(h.describe()).append(" at ")
          .append(h.site());
    }
    b.append("       ").append(r.taskId()).append(" holding: ")
        .append(held.length() == 0 ? "nothing" : held).append('\n');
  }
}
