package org.lockmc.engine.dpor;

import java.util.SplittableRandom;
import org.lockmc.engine.Event;
import org.lockmc.engine.ExplorationStrategy;
import org.lockmc.engine.SchedulingPoint;

/**
 * Uniformly random schedules and data choices from a fixed seed, for models too large for the
 * other strategies. Deterministic for a given seed; never a proof.
 */
public final class RandomStrategy implements ExplorationStrategy {
  private final SplittableRandom random;
  private final long executions;
  private long started;

  public RandomStrategy(long seed, long executions) {
    this.random = new SplittableRandom(seed);
    this.executions = executions;
  }

  @Override
  public boolean startExecution() {
    return started++ < executions;
  }

  @Override
  public int chooseTask(SchedulingPoint point) {
    int k = random.nextInt(point.enabledCount());
    for (int i = 0; i < point.size(); i++) {
      if (point.enabled(i) && k-- == 0) {
        return point.task(i);
      }
    }
    throw new IllegalStateException("no enabled task");
  }

  @Override
  public int chooseValue(int task, int n) {
    return random.nextInt(n);
  }

  @Override
  public void performed(Event event, SchedulingPoint before) {}

  @Override
  public boolean coversAllBehaviours() {
    return false;
  }
}
