package org.lockmc.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.lockmc.testing.TestModels;

/**
 * The DPOR-versus-exhaustive comparison of {@link DporDifferentialTest}, over random models that
 * also use SRCU, wait queues with bit flags, completions, data choices and yields: every
 * primitive's dependence relation and the fairness rule for yields are exercised.
 */
class DporDifferentialPrimitivesTest {

  @Test
  void dporAndExhaustiveAgreeOnRandomModelsOfEveryPrimitive() {
    Random random = new Random(4242);
    Map<String, String> sources = new LinkedHashMap<>();
    int n = Integer.getInteger("lockmc.randomModels", 300) / 2;
    for (int i = 0; i < n; i++) {
      String name = "randomprims.Model" + i;
      String src;
      do {
        src = model(name, random);
      } while (DporDifferentialTest.interleavings(src) > 1500);
      sources.put(name, src);
    }
    DporDifferentialTest.compareAll(sources);
  }

  private static String model(String name, Random r) {
    int dot = name.lastIndexOf('.');
    StringBuilder b = new StringBuilder(TestModels.header(name.substring(0, dot)));
    b.append("@LockModel(expect = Verdict.SAFE)\npublic class ").append(name.substring(dot + 1))
        .append(" {\n");
    b.append("  final Mutex m = new Mutex(\"m\");\n");
    b.append("  final Srcu srcu = new Srcu(\"srcu\");\n");
    b.append("  final WaitQueue wq = new WaitQueue(\"wq\");\n");
    b.append("  final BitWord flag = new BitWord(\"flag\");\n");
    b.append("  final Completion done = new Completion(\"done\");\n");
    b.append("  final RwSemaphore rw = new RwSemaphore(\"rw\");\n");
    int tasks = 2 + r.nextInt(2);
    for (int t = 0; t < tasks; t++) {
      b.append("  @Task void t").append(t).append("() {\n");
      int ops = 1 + r.nextInt(tasks == 2 ? 4 : 3);
      for (int k = 0; k < ops; k++) {
        b.append("    ").append(statement(r)).append("\n");
      }
      b.append("  }\n");
    }
    return b.append("}\n").toString();
  }

  private static String statement(Random r) {
    switch (r.nextInt(11)) {
      case 0:
        return "m.lock(); m.unlock();";
      case 1:
        return "{ int i = srcu.readLock(); srcu.readUnlock(i); }";
      case 2:
        return "srcu.synchronize();";
      case 3:
        return "wq.waitEvent(() -> flag.testBit(0));";
      case 4:
        return "flag.setBit(0); wq.wakeUp();";
      case 5:
        return "flag.setBit(0);";
      case 6:
        return "done.complete();";
      case 7:
        return "done.waitForCompletion();";
      case 8:
        return "if (Kernel.chooseBoolean()) { m.lock(); m.unlock(); }";
      case 9:
        return "Kernel.condResched();";
      default:
        return r.nextBoolean() ? "rw.downRead(); rw.upRead();" : "rw.downWrite(); rw.upWrite();";
    }
  }

}
