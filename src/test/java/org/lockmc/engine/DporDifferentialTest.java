package org.lockmc.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lockmc.testing.TestModels;

/**
 * DPOR must reach exactly the bad outcomes exhaustive exploration reaches (kind and blocked set,
 * or task and message), and never explore more executions. Checked on several hundred random
 * small models over mutexes, rwsems and percpu rwsems. {@code -Dlockmc.differential.verbose=true}
 * prints each model's execution counts and findings.
 */
class DporDifferentialTest {
  private static final String[] OBJECTS = {"m1", "m2", "rw", "pc"};

  @Test
  void dporAndExhaustiveAgreeOnRandomLockModels() {
    Random random = new Random(20261121);
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < Integer.getInteger("lockmc.randomModels", 300); i++) {
      String name = "random.LockModel" + i;
      sources.put(name, lockModel(name, random));
    }
    compareAll(sources);
  }

  static void compareAll(Map<String, String> sources) {
    Map<String, ModelDefinition> models = TestModels.compile(sources);
    List<String> failures = new ArrayList<>();
    long dporTotal = 0;
    long exhaustiveTotal = 0;
    for (Map.Entry<String, ModelDefinition> e : models.entrySet()) {
      ExplorationResult dpor = TestModels.check(e.getValue(), StrategyKind.DPOR);
      ExplorationResult all = TestModels.check(e.getValue(), StrategyKind.EXHAUSTIVE);
      assertTrue(dpor.complete() && all.complete(), e.getKey() + " did not finish");
      dporTotal += dpor.executions();
      exhaustiveTotal += all.executions();
      if (!dpor.findingKeys().equals(all.findingKeys())) {
        failures.add(e.getKey() + ": dpor " + dpor.findingKeys() + " but exhaustive "
            + all.findingKeys() + "\n" + sources.get(e.getKey()));
      }
      if (Boolean.getBoolean("lockmc.differential.verbose")) {
        System.out.println(e.getKey() + " dpor=" + dpor.executions() + " exhaustive="
            + all.executions() + " " + all.findingKeys());
      }
      if (dpor.executions() > all.executions()) {
        failures.add(e.getKey() + ": dpor explored " + dpor.executions() + " > exhaustive "
            + all.executions());
      }
    }
    assertEquals(List.of(), failures, "dpor vs exhaustive");
    assertTrue(dporTotal < exhaustiveTotal, "dpor reduces overall: " + dporTotal + " vs "
        + exhaustiveTotal);
  }

  /**
   * A random model: 2 to 4 tasks, each a short random mix of lock operations, small enough that
   * exhaustive exploration stays around a thousand executions (estimated by the number of
   * interleavings of the tasks' statements).
   */
  static String lockModel(String name, Random r) {
    for (;;) {
      String source = lockModelCandidate(name, r);
      if (interleavings(source) <= 1500) {
        return source;
      }
    }
  }

  /** The number of interleavings of the tasks' statement counts (a multinomial coefficient). */
  static double interleavings(String source) {
    List<Integer> counts = new ArrayList<>();
    for (String task : source.split("@Task")) {
      counts.add((int) task.lines().filter(l -> l.startsWith("    ")).count());
    }
    counts.remove(0);
    double result = 1;
    int total = 0;
    for (int c : counts) {
      for (int k = 1; k <= c; k++) {
        total++;
        result = result * total / k;
      }
    }
    return result;
  }

  private static String lockModelCandidate(String name, Random r) {
    int dot = name.lastIndexOf('.');
    StringBuilder b = new StringBuilder(TestModels.header(name.substring(0, dot)));
    b.append("@LockModel(expect = Verdict.SAFE)\npublic class ").append(name.substring(dot + 1))
        .append(" {\n");
    b.append("  final Mutex m1 = new Mutex(\"m1\");\n  final Mutex m2 = new Mutex(\"m2\");\n");
    b.append("  final RwSemaphore rw = new RwSemaphore(\"rw\");\n");
    b.append("  final PercpuRwSemaphore pc = new PercpuRwSemaphore(\"pc\");\n");
    int tasks = 2 + r.nextInt(3);
    int budget = tasks == 2 ? 5 : tasks == 3 ? 3 : 2;
    for (int t = 0; t < tasks; t++) {
      b.append("  @Task void t").append(t).append("() {\n");
      b.append(body(r, 1 + r.nextInt(budget)));
      b.append("  }\n");
    }
    return b.append("}\n").toString();
  }

  private static String body(Random r, int ops) {
    StringBuilder b = new StringBuilder();
    List<String> releases = new ArrayList<>();
    int used = 0;
    while (used < ops) {
      boolean release = !releases.isEmpty() && (r.nextInt(3) == 0 || used + releases.size() >= ops);
      if (release) {
        b.append("    ").append(releases.remove(releases.size() - 1)).append(";\n");
        used++;
        continue;
      }
      String o = OBJECTS[r.nextInt(OBJECTS.length)];
      boolean read = r.nextBoolean();
      boolean trylock = r.nextInt(6) == 0;
      switch (o) {
        case "m1":
        case "m2":
          if (trylock) {
            b.append("    if (").append(o).append(".trylock()) ").append(o).append(".unlock();\n");
          } else {
            b.append("    ").append(o).append(".lock();\n");
            releases.add(o + ".unlock()");
          }
          break;
        case "rw":
          if (trylock) {
            String acq = read ? "downReadTrylock" : "downWriteTrylock";
            String rel = read ? "upRead" : "upWrite";
            b.append("    if (rw.").append(acq).append("()) rw.").append(rel).append("();\n");
          } else {
            b.append("    rw.").append(read ? "downRead" : "downWrite").append("();\n");
            releases.add("rw." + (read ? "upRead" : "upWrite") + "()");
          }
          break;
        default:
          b.append("    pc.").append(read ? "downRead" : "downWrite").append("();\n");
          releases.add("pc." + (read ? "upRead" : "upWrite") + "()");
      }
      used++;
    }
    if (r.nextInt(4) != 0) {
      while (!releases.isEmpty()) {
        b.append("    ").append(releases.remove(releases.size() - 1)).append(";\n");
      }
    }
    return b.toString();
  }
}
