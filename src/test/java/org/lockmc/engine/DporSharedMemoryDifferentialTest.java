package org.lockmc.engine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lockmc.testing.TestModels;

/**
 * DPOR against exhaustive exploration on random models whose tasks read and write plain fields
 * and array elements (instrumented, dependence by location), branch on what they read, make data
 * choices, check properties, and start and stop kernel threads and kworkers. DPOR must reach the
 * same findings and never explore more executions.
 */
class DporSharedMemoryDifferentialTest {

  @Test
  void dporAndExhaustiveAgreeOnRandomSharedMemoryModels() {
    Random random = new Random(20261122);
    Map<String, String> sources = new LinkedHashMap<>();
    for (int i = 0; i < Integer.getInteger("lockmc.randomSharedModels", 300); i++) {
      String name = "randmem.MemModel" + i;
      sources.put(name, new Generator(random).model(name));
    }
    DporDifferentialTest.compareAll(sources);
  }

  /**
   * Writes one random model, keeping the number of interleavings of all its tasks' scheduling
   * points (initial tasks, kernel threads and kworkers alike) small enough for exhaustive
   * exploration.
   */
  static final class Generator {
    /** The most interleavings a model may have (an upper bound of exhaustive executions). */
    static final double LIMIT = Double.parseDouble(System.getProperty("lockmc.randomLimit", "3000"));
    private final Random r;
    /** Scheduling points of each task's straight-line code, for the interleaving estimate. */
    private final List<Integer> costs = new ArrayList<>();
    private int checks;
    private int threads;
    private boolean workUsed;
    private String workBody;
    /** 0: plain memory only; 1: the first task starts a kernel thread; 2: it queues a work. */
    private int flavour;

    Generator(Random r) {
      this.r = r;
    }

    String model(String name) {
      flavour = r.nextInt(3);
      for (;;) {
        String s = candidate(name);
        if (interleavings() <= LIMIT) {
          return s;
        }
      }
    }

    private String candidate(String name) {
      costs.clear();
      checks = 0;
      threads = 0;
      workUsed = false;
      int dot = name.lastIndexOf('.');
      StringBuilder body = new StringBuilder();
      int tasks = flavour > 0 ? 2 : 2 + r.nextInt(2);
      workBody = r.nextBoolean() ? "m.lock(); x = 2; m.unlock();" : simple(new int[1], "x");
      for (int t = 0; t < tasks; t++) {
        int[] cost = {0};
        StringBuilder code = new StringBuilder();
        List<String> tail = new ArrayList<>();
        int stmts = 1 + r.nextInt(tasks == 2 ? 4 : 3);
        for (int s = 0; s < stmts; s++) {
          int kind = t == 0 && s == 0 && flavour > 0 ? flavour : r.nextInt(10);
          code.append("    ").append(statement(kind, cost, tail)).append('\n');
        }
        for (String end : tail) {
          code.append("    ").append(end).append('\n');
          cost[0] += 2;
        }
        if (r.nextBoolean()) {
          code.append("    ").append(check(cost)).append('\n');
        }
        costs.add(cost[0]);
        body.append("  @Task void t").append(t).append("() {\n").append(code).append("  }\n");
      }
      StringBuilder b = new StringBuilder(TestModels.header(name.substring(0, dot)));
      b.append("@LockModel(expect = Verdict.SAFE)\npublic class ").append(name.substring(dot + 1))
          .append(" {\n");
      b.append("  final Mutex m = new Mutex(\"m\");\n  final Mutex n = new Mutex(\"n\");\n");
      b.append("  final Workqueue wq = new Workqueue(\"wq\");\n");
      b.append("  int x;\n  int y;\n  final int[] a = new int[2];\n");
      b.append("  final Work w = new Work(wq, \"w\", () -> { ").append(workBody).append(" });\n");
      b.append(body);
      return b.append("}\n").toString();
    }

    /** One statement of a task; {@code tail} collects what must happen at the task's end. */
    private String statement(int kind, int[] cost, List<String> tail) {
      switch (kind) {
        case 0:
          cost[0] += 2;
          return "m.lock(); " + simple(cost, "y") + " m.unlock();";
        case 5:
        case 8: {
          cost[0] += 4;
          String[] order = r.nextBoolean() ? new String[] {"m", "n"} : new String[] {"n", "m"};
          return order[0] + ".lock(); " + order[1] + ".lock(); " + order[1] + ".unlock(); "
              + order[0] + ".unlock();";
        }
        case 1: {
          if (threads >= 2) {
            return simple(cost, "x");
          }
          String k = "k" + threads++;
          int[] child = {0};
          String inner;
          switch (r.nextInt(4)) {
            case 0:
              inner = simple(child, "y") + " " + simple(child, "x");
              break;
            case 1:
            case 2:
              child[0] += 3;
              inner = "if (!Kernel.kthreadShouldStop()) { m.lock(); " + simple(child, "x")
                  + " m.unlock(); }";
              break;
            default:
              child[0]++;
              inner = "if (!Kernel.kthreadShouldStop()) { " + simple(child, "x") + " }";
          }
          costs.add(child[0]);
          cost[0] += 1;
          tail.add(r.nextBoolean() ? "m.lock(); " + k + ".stop(); m.unlock();" : k + ".stop();");
          return "Kthread " + k + " = Kernel.kthreadRun(\"" + k + "\", () -> { " + inner + " });";
        }
        case 2: {
          if (workUsed) {
            return simple(cost, "y");
          }
          workUsed = true;
          costs.add(2 + (workBody.startsWith("m.") ? 3 : 2)); // start, body, done
          cost[0] += 1;
          switch (r.nextInt(4)) {
            case 0:
              cost[0] += 2;
              return "wq.queueWork(w); w.flushWork();";
            case 1:
              cost[0] += 4;
              return "wq.queueWork(w); m.lock(); w.flushWork(); m.unlock();";
            case 2:
              cost[0] += 2;
              return "wq.queueWork(w); w.cancelWorkSync();";
            default:
              return "wq.queueWork(w);";
          }
        }
        case 3:
          return check(cost);
        case 4:
          cost[0] += 1;
          return "if (Kernel.chooseBoolean()) { " + simple(cost, "a[" + r.nextInt(2) + "]") + " }";
        default:
          return simple(cost, r.nextBoolean() ? "x" : r.nextBoolean() ? "y" : "a[" + r.nextInt(2)
              + "]");
      }
    }

    /** A property of the shared state that some interleavings may break. */
    private String check(int[] cost) {
      if (r.nextBoolean()) {
        cost[0] += 1;
        return "Kernel.check(x != " + (1 + r.nextInt(2)) + ", \"c" + checks++ + "\");";
      }
      cost[0] += 2;
      return "Kernel.check(!(x == " + r.nextInt(3) + " && y == " + r.nextInt(3) + "), \"c"
          + checks++ + "\");";
    }

    /** A plain-memory statement writing {@code target}. */
    private String simple(int[] cost, String target) {
      switch (r.nextInt(5)) {
        case 0:
          cost[0] += 1;
          return target + " = " + (1 + r.nextInt(2)) + ";";
        case 1:
          cost[0] += 2;
          return target + " = " + target + " + 1;";
        case 2:
          cost[0] += 2;
          return "if (x == " + r.nextInt(3) + ") { " + target + " = " + (1 + r.nextInt(2)) + "; }";
        case 3:
          cost[0] += 2;
          return target + " = a[" + r.nextInt(2) + "] + y;";
        default:
          cost[0] += 2;
          return "if (a[" + r.nextInt(2) + "] != 0) { " + target + " = 2; }";
      }
    }

    /** The multinomial number of interleavings of the tasks' scheduling points. */
    private double interleavings() {
      double result = 1;
      int total = 0;
      for (int c : costs) {
        for (int k = 1; k <= c; k++) {
          total++;
          result = result * total / k;
        }
      }
      return result;
    }
  }
}
