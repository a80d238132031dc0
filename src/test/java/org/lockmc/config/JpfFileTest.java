package org.lockmc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelError;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.ThreadMode;

class JpfFileTest {
  private static final String HEAD = "target = org.lockmc.jvm.Main\ntarget.args = basics.AbbaDeadlock\n";

  private static String error(String text) {
    return assertThrows(ModelError.class, () -> JpfFile.parse(text, "x.jpf")).getMessage();
  }

  @Test
  void readsTheModelAndLockmcOptions() {
    JpfFile f = JpfFile.parse("# comment\n" + HEAD + "classpath = a;\\\n  b\n"
        + "vm.shared.never_break_methods+ = ,x.*\n"
        + "lockmc.strategy = exhaustive\nlockmc.max_executions = 1_000\nlockmc.max_steps = 50\n"
        + "lockmc.time_limit = 90s\nlockmc.threads = platform\nlockmc.seed = 7\n", "x.jpf");
    assertEquals("basics.AbbaDeadlock", f.model());
    assertEquals("a;b", f.get("classpath"));
    ExplorerConfig c = f.applyTo(ExplorerConfig.DEFAULTS);
    assertEquals(StrategyKind.EXHAUSTIVE, c.strategy());
    assertEquals(1000, c.maxExecutions());
    assertEquals(50, c.maxStepsPerTask());
    assertEquals(Duration.ofSeconds(90), c.timeLimit());
    assertEquals(ThreadMode.PLATFORM, c.threads());
    assertEquals(7, c.seed());
  }

  @Test
  void aCommentLineIsNeverContinued() {
    assertEquals("x.jpf:4: unknown key 'lockmc.strateg' (did you mean 'lockmc.strategy'?)",
        error(HEAD + "# a comment ending in a backslash \\\nlockmc.strateg = dpor\n"));
  }

  @Test
  void theModelIsTheFirstArgumentThatIsNotAFlag() {
    assertEquals("basics.X", JpfFile.parse("target = org.lockmc.jvm.Main\n"
        + "target.args = --trace, basics.X\n", "x.jpf").model());
  }

  @Test
  void anUnknownLockmcKeyNamesFileLineAndTheClosestKey() {
    assertEquals("x.jpf:3: unknown key 'lockmc.max_execution' (did you mean"
        + " 'lockmc.max_executions'?)", error(HEAD + "lockmc.max_execution = 5\n"));
    assertEquals("x.jpf:4: unknown key 'lockmc.strategie' (did you mean 'lockmc.strategy'?)",
        error(HEAD + "\nlockmc.strategie = dpor\n"));
  }

  @Test
  void jpfKeysLockmcDoesNotUseAreIgnored() {
    assertEquals("basics.AbbaDeadlock", JpfFile.parse(HEAD + "listener = a.B\nsearch.foo = 1\n",
        "x.jpf").model());
  }

  @Test
  void badValuesNameFileLineAndKey() {
    assertEquals("x.jpf:3: lockmc.strategy = fast: not one of dpor, exhaustive, random, replay",
        assertThrows(ModelError.class, () -> JpfFile.parse(HEAD + "lockmc.strategy = fast\n",
            "x.jpf").applyTo(ExplorerConfig.DEFAULTS)).getMessage());
    assertEquals("x.jpf:3: lockmc.time_limit = soon: expected a number and a unit, such as 500ms,"
        + " 90s, 10m or 1h", assertThrows(ModelError.class, () -> JpfFile.parse(
            HEAD + "lockmc.time_limit = soon\n", "x.jpf").applyTo(ExplorerConfig.DEFAULTS))
        .getMessage());
    assertEquals("x.jpf:3: lockmc.max_steps = 0: expected a positive number",
        assertThrows(ModelError.class, () -> JpfFile.parse(HEAD + "lockmc.max_steps = 0\n",
            "x.jpf").applyTo(ExplorerConfig.DEFAULTS)).getMessage());
  }

  @Test
  void aFileForAnotherProgramOrWithoutModelIsRejected() {
    assertEquals("x.jpf:1: target = oldclassic is not lockmc's harness; lockmc can only check"
        + " .jpf files with 'target = org.lockmc.jvm.Main'", error("target = oldclassic\n"));
    assertEquals("x.jpf: no 'target' key; a lockmc .jpf has 'target = org.lockmc.jvm.Main' and"
        + " 'target.args = <model class>'", error("classpath = x\n"));
    assertEquals("x.jpf:1: no model: 'target.args' must name the model class, e.g. 'target.args"
        + " = basics.AbbaDeadlock'", error("target = org.lockmc.jvm.Main\n"));
    assertEquals("x.jpf:2: expected 'key = value', found 'what'", error(HEAD.substring(0, 29)
        + "what\n"));
  }
}
