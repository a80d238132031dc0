package org.lockmc.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.ModelError;
import org.lockmc.engine.StrategyKind;
import org.lockmc.testing.TestModels;

/** {@code @Param} fields: one exploration per combination, each named after its values. */
class ParamTest {
  private static final String SIZED = TestModels.header("sized")
      + "@LockModel(expect = Verdict.VIOLATION)\n"
      + "public class Sized {\n"
      + "  @Param({\"1\", \"2\"}) int pages = 9;\n"
      + "  @Param({\"1\", \"3\"}) int workers;\n"
      + "  @Param({\"false\", \"true\"}) boolean strict;\n"
      + "  final int[] slots = new int[pages];\n" // the initialiser sees the combination's value
      + "  int used;\n"
      + "  @Task(value = \"worker\", instancesParam = \"workers\") void work(int i) {\n"
      + "    Kernel.check(slots.length == pages, \"initialiser saw pages=\" + slots.length);\n"
      + "    used = used + 1;\n"
      + "    Kernel.check(!strict || used <= pages, \"more workers than pages\");\n"
      + "  }\n"
      + "}\n";

  @Test
  void everyCombinationIsADefinitionOfItsOwn() {
    List<String> names = new ArrayList<>();
    List<Integer> taskCounts = new ArrayList<>();
    for (ModelDefinition m : TestModels.compile("sized.Sized", SIZED).combinations()) {
      names.add(m.name());
      taskCounts.add(m.tasks().get(0).instances());
    }
    assertEquals(List.of("sized.Sized[pages=1,workers=1,strict=false]",
        "sized.Sized[pages=1,workers=1,strict=true]", "sized.Sized[pages=1,workers=3,strict=false]",
        "sized.Sized[pages=1,workers=3,strict=true]", "sized.Sized[pages=2,workers=1,strict=false]",
        "sized.Sized[pages=2,workers=1,strict=true]", "sized.Sized[pages=2,workers=3,strict=false]",
        "sized.Sized[pages=2,workers=3,strict=true]"), names);
    assertEquals(List.of(1, 1, 3, 3, 1, 1, 3, 3), taskCounts);
  }

  @Test
  void eachCombinationIsExploredWithItsValuesFromTheStart() {
    List<String> results = new ArrayList<>();
    for (ModelDefinition m : TestModels.compile("sized.Sized", SIZED).combinations()) {
      ExplorationResult r = TestModels.check(m, StrategyKind.DPOR);
      results.add(m.params() + " " + r.findingKeys());
    }
    // Any of three racing workers can be the one that finds too many workers.
    String all = " [VIOLATION[worker/0: check failed: more workers than pages],"
        + " VIOLATION[worker/1: check failed: more workers than pages],"
        + " VIOLATION[worker/2: check failed: more workers than pages]]";
    assertEquals(List.of(
        "{pages=1, workers=1, strict=false} []",
        "{pages=1, workers=1, strict=true} []",
        "{pages=1, workers=3, strict=false} []",
        "{pages=1, workers=3, strict=true}" + all,
        "{pages=2, workers=1, strict=false} []",
        "{pages=2, workers=1, strict=true} []",
        "{pages=2, workers=3, strict=false} []",
        "{pages=2, workers=3, strict=true}" + all), results);
  }

  @Test
  void aFinalParamIsRejected() {
    ModelError e = assertThrows(ModelError.class, () -> TestModels.compile("bad.P",
        TestModels.header("bad") + "@LockModel(expect = Verdict.SAFE) public class P {\n"
            + "  @Param({\"1\"}) final int n = 1;\n  @Task void t() { }\n}\n"));
    assertEquals("bad.P.n: a @Param field must not be final (javac inlines a final field's"
        + " constant, so lockmc could not change it); remove 'final'", e.getMessage());
  }

  @Test
  void aValueOfTheWrongTypeIsRejected() {
    ModelError e = assertThrows(ModelError.class, () -> TestModels.compile("bad.Q",
        TestModels.header("bad") + "@LockModel(expect = Verdict.SAFE) public class Q {\n"
            + "  @Param({\"two\"}) int n;\n  @Task void t() { }\n}\n"));
    assertEquals("bad.Q.n: @Param value \"two\" is not a int", e.getMessage());
  }

  @Test
  void paramsAreListedInDeclarationOrder() {
    ModelDefinition m = TestModels.compile("sized.Sized", SIZED);
    assertEquals(List.of("pages", "workers", "strict"), new ArrayList<>(m.params().keySet()));
    assertEquals(Map.of("pages", 1, "workers", 1, "strict", false), m.params());
  }
}
