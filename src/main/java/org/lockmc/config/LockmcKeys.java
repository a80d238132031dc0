package org.lockmc.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelError;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.ThreadMode;

/**
 * The {@code lockmc.*} keys of a {@code .jpf} file: lockmc's exploration options, spelled as
 * the command line spells them with {@code _} for {@code -} ({@code --max-executions} is {@code
 * lockmc.max_executions}). Values are parsed as the command line parses them.
 */
public final class LockmcKeys {
  /** The prefix of lockmc's keys; JPF ignores them. */
  public static final String PREFIX = "lockmc.";

  public static final String STRATEGY = "lockmc.strategy";
  public static final String MAX_EXECUTIONS = "lockmc.max_executions";
  public static final String MAX_STEPS = "lockmc.max_steps";
  public static final String TIME_LIMIT = "lockmc.time_limit";
  public static final String THREADS = "lockmc.threads";
  public static final String SEED = "lockmc.seed";

  /** Every valid key, in the order generated files list them. */
  public static final List<String> ALL =
      List.of(STRATEGY, MAX_EXECUTIONS, MAX_STEPS, TIME_LIMIT, THREADS, SEED);

  private LockmcKeys() {}

  /** Fails with a message naming {@code where} and the closest valid key unless {@code key} is valid. */
  static void check(String key, String where) {
    if (!ALL.contains(key)) {
      throw new ModelError(where + ": unknown key '" + key + "' (did you mean '" + closest(key)
          + "'?)");
    }
  }

  /** The valid key nearest to {@code key} by edit distance (the first on a tie). */
  static String closest(String key) {
    String best = ALL.get(0);
    int bestDistance = Integer.MAX_VALUE;
    for (String k : ALL) {
      int d = distance(key, k);
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** {@code config} with {@code key = value} applied; a bad value names {@code where}. */
  static ExplorerConfig apply(ExplorerConfig config, String key, String value, String where) {
    switch (key) {
      case STRATEGY:
        StrategyKind s = parseEnum(value, StrategyKind.class, key, where);
        if (s == StrategyKind.REPLAY) {
          throw new ModelError(where + ": " + key + " = replay: use 'lockmc replay <file>'");
        }
        return config.withStrategy(s);
      case MAX_EXECUTIONS:
        return config.withMaxExecutions(positive(value, key, where));
      case MAX_STEPS:
        long steps = positive(value, key, where);
        if (steps > Integer.MAX_VALUE) {
          throw new ModelError(where + ": " + key + " = " + value + " is too large");
        }
        return config.withMaxStepsPerTask((int) steps);
      case TIME_LIMIT:
        Duration d = Durations.parse(value);
        if (d == null) {
          throw new ModelError(where + ": " + key + " = " + value
              + ": expected a number and a unit, such as 500ms, 90s, 10m or 1h");
        }
        return config.withTimeLimit(d);
      case THREADS:
        return config.withThreads(parseEnum(value, ThreadMode.class, key, where));
      default:
        try {
          return config.withSeed(Long.parseLong(value));
        } catch (NumberFormatException e) {
          throw new ModelError(where + ": " + key + " = " + value + ": expected a number");
        }
    }
  }

  private static long positive(String value, String key, String where) {
    try {
      long n = Long.parseLong(value.replace("_", ""));
      if (n >= 1) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ModelError(where + ": " + key + " = " + value + ": expected a positive number");
  }

  private static <E extends Enum<E>> E parseEnum(String value, Class<E> type, String key,
      String where) {
    StringBuilder names = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value)) {
        return e;
      }
      names.append(names.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
    }
    throw new ModelError(where + ": " + key + " = " + value + ": not one of " + names);
  }
}
