package org.lockmc.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lockmc.model.Verdict;

/**
 * Explores one model: runs executions as the strategy directs until it has none left or a bound
 * is hit, and collects every kind of bad outcome with its first counterexample.
 */
public final class Explorer {
  private final ModelDefinition model;
  private final ExplorerConfig config;
  private final ExplorationStrategy strategy;
  private final List<ExecutionListener> listeners = new ArrayList<>();
  private ProgressListener progress = (executions, elapsed) -> {};
  private boolean captureSites;

  /** Receives the number of executions so far, about twice a second. */
  public interface ProgressListener {
    void progress(long executions, Duration elapsed);
  }

  /** An explorer of {@code model} that follows {@code strategy} (made for this one exploration). */
  public Explorer(ModelDefinition model, ExplorerConfig config, ExplorationStrategy strategy) {
    this.model = model;
    this.config = config;
    this.strategy = strategy;
  }

  /** Adds an observer of every execution (the lockdep recorder). */
  public Explorer listener(ExecutionListener l) {
    listeners.add(l);
    return this;
  }

  public Explorer progress(ProgressListener p) {
    progress = p;
    return this;
  }

  /** Records the model source line of every step (slower; for reports and replays). */
  public Explorer captureSites(boolean on) {
    captureSites = on;
    return this;
  }

  /**
   * Runs the exploration. With virtual threads the exploration loop itself runs on a virtual
   * thread too, so that every hand-off (including the explorer's own at the start and end of each
   * execution) stays between virtual threads and never parks an OS thread.
   */
  public ExplorationResult explore() {
    try (TaskThreads threads = TaskThreads.create(config.threads())) {
      return threads.call(() -> explore(threads));
    }
  }

  private ExplorationResult explore(TaskThreads threads) {
    long start = System.nanoTime();
    long deadline = start + config.timeLimit().toNanos();
    Map<Verdict, Counterexample> examples = new EnumMap<>(Verdict.class);
    Set<String> keys = new HashSet<>();
    long executions = 0;
    long redundant = 0;
    int longest = 0;
    String bound = null;
    long nextProgress = start + 500_000_000L;
    TaskRegistry registry = new TaskRegistry();
    {
      while (strategy.startExecution()) {
        if (executions >= config.maxExecutions()) {
          bound = "executions=" + config.maxExecutions();
          break;
        }
        if (System.nanoTime() > deadline) {
          bound = "time=" + config.timeLimit();
          break;
        }
        Execution ex = new Execution(model, config, strategy, threads, listeners, deadline,
            captureSites, registry);
        ExecutionOutcome outcome = ex.run();
        executions++;
        longest = Math.max(longest, ex.events().size());
        if (outcome instanceof ExecutionOutcome.Redundant) {
          redundant++;
        } else if (outcome instanceof ExecutionOutcome.Cut) {
          bound = ((ExecutionOutcome.Cut) outcome).bound();
          break;
        } else {
          record(((ExecutionOutcome.Completed) outcome).findings(), ex, executions, examples, keys);
        }
        long now = System.nanoTime();
        if (now > nextProgress) {
          progress.progress(executions, Duration.ofNanos(now - start));
          nextProgress = now + 500_000_000L;
        }
      }
      boolean covers = strategy.coversAllBehaviours();
      return new ExplorationResult(model, config, threads.kind(), examples, keys, executions,
          redundant, bound, covers, Duration.ofNanos(System.nanoTime() - start), longest);
    }
  }

  private static void record(List<Finding> findings, Execution ex, long execution,
      Map<Verdict, Counterexample> examples, Set<String> keys) {
    for (Finding f : findings) {
      keys.add(f.key());
      if (!examples.containsKey(f.kind())) {
        examples.put(f.kind(), Counterexamples.of(f, ex, execution));
      }
    }
  }
}
