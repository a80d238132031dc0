package org.lockmc.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The decisions of one execution in order, kept cheaply (the performed event, or the data choice)
 * and turned into a replayable schedule of {@link Choice}s only when a counterexample needs one,
 * since describing every operation as text would cost more than exploring it.
 */
final class Decisions {
  private final List<Object> decisions = new ArrayList<>();

  void scheduled(Event e) {
    decisions.add(e);
  }

  void chose(Choice c) {
    decisions.add(c);
  }

  /** The schedule so far; {@code names} gives a task's name by id. */
  List<Choice> choices(IntFunction<String> names) {
    List<Choice> out = new ArrayList<>(decisions.size());
    for (Object o : decisions) {
      if (o instanceof Event) {
        Event e = (Event) o;
        out.add(new Choice(names.apply(e.task()), -1, e.op().describe()));
      } else {
        out.add((Choice) o);
      }
    }
    return out;
  }
}
