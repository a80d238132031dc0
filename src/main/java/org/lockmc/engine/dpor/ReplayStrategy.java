package org.lockmc.engine.dpor;

import java.util.List;
import org.lockmc.engine.Choice;
import org.lockmc.engine.Event;
import org.lockmc.engine.ExplorationStrategy;
import org.lockmc.engine.ModelError;
import org.lockmc.engine.SchedulingPoint;

/**
 * Follows one recorded schedule exactly, then stops. Every decision is checked: the named task
 * must be able to run and must be at the recorded operation, and data choices must come where
 * they came; otherwise the replay fails loudly, naming the step.
 */
public final class ReplayStrategy implements ExplorationStrategy {
  private final List<Choice> schedule;
  private int next;
  private boolean started;

  public ReplayStrategy(List<Choice> schedule) {
    this.schedule = List.copyOf(schedule);
  }

  @Override
  public boolean startExecution() {
    if (started) {
      return false;
    }
    started = true;
    return true;
  }

  @Override
  public int chooseTask(SchedulingPoint point) {
    if (next >= schedule.size()) {
      return STOP;
    }
    Choice c = schedule.get(next);
    if (c.isData()) {
      throw diverged("the schedule has a data choice (" + c.op() + " by " + c.task()
          + ") but the model reached a scheduling point");
    }
    for (int i = 0; i < point.size(); i++) {
      if (point.name(i).equals(c.task())) {
        String actual = point.op(i).describe();
        if (!actual.equals(c.op())) {
          throw diverged(c.task() + " should perform '" + c.op() + "' but it is at '" + actual + "'");
        }
        if (!point.enabled(i)) {
          throw diverged(c.task() + " should perform '" + c.op() + "' but it cannot run now");
        }
        next++;
        return point.task(i);
      }
    }
    throw diverged("the schedule runs task '" + c.task() + "', which does not exist or has ended");
  }

  @Override
  public int chooseValue(int task, int n) {
    if (next >= schedule.size() || !schedule.get(next).isData()) {
      throw diverged("the model made a data choice (choose(" + n + ")) the schedule does not have");
    }
    Choice c = schedule.get(next);
    if (c.value() >= n) {
      throw diverged("the schedule chooses " + c.value() + " but only 0.." + (n - 1) + " exist");
    }
    next++;
    return c.value();
  }

  private ModelError diverged(String what) {
    return new ModelError("the schedule diverges at decision " + (next + 1) + " of "
        + schedule.size() + ": " + what + " (was the model changed since the schedule was"
        + " recorded?)");
  }

  @Override
  public void performed(Event event, SchedulingPoint before) {}

  @Override
  public boolean coversAllBehaviours() {
    return false;
  }

  /** Whether every decision of the schedule was used. */
  public boolean finished() {
    return next == schedule.size();
  }
}
