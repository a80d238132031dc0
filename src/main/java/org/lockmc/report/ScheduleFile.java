package org.lockmc.report;

import java.util.ArrayList;
import java.util.List;
import org.lockmc.engine.Choice;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ModelError;

/**
 * The replayable form of a counterexample: what {@code lockmc replay} reads.
 *
 * <pre>
 * # lockmc schedule
 * model: basics.AbbaDeadlock
 * target: models
 * finding: DEADLOCK[A, B]
 * step: A | mutex_lock(a)
 * choose: ksmd | 1 | choose(2)
 * </pre>
 *
 * Lines starting with {@code #} are comments. Steps name the task and the operation it must be
 * at, so that a replay of a changed model fails at the first step that differs.
 */
public final class ScheduleFile {
  /**
   * A parsed schedule.
   *
   * @param model the model's class name
   * @param target how the model was located on the command line
   * @param finding the key of the finding the schedule leads to
   * @param choices the decisions
   */
  public record Parsed(String model, String target, String finding, List<Choice> choices) {}

  private ScheduleFile() {}

  public static String write(String model, String target, Counterexample cx) {
    StringBuilder b = new StringBuilder("# lockmc schedule (replay with: lockmc replay <this file>)\n");
    b.append("model: ").append(model).append('\n');
    b.append("target: ").append(target).append('\n');
    b.append("finding: ").append(cx.finding().key()).append('\n');
    for (Choice c : cx.schedule()) {
      if (c.isData()) {
        b.append("choose: ").append(c.task()).append(" | ").append(c.value()).append(" | ")
            .append(c.op()).append('\n');
      } else {
        b.append("step: ").append(c.task()).append(" | ").append(c.op()).append('\n');
      }
    }
    return b.toString();
  }

  /** Parses {@code text}; {@code file} names it in errors. */
  public static Parsed parse(String text, String file) {
    String model = null;
    String target = null;
    String finding = null;
    List<Choice> choices = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon < 0) {
        throw bad(file, i, line, "expected 'key: value'");
      }
      String key = line.substring(0, colon);
      String value = line.substring(colon + 1).strip();
      switch (key) {
        case "model":
          model = value;
          break;
        case "target":
          target = value;
          break;
        case "finding":
          finding = value;
          break;
        case "step": {
          String[] p = value.split(" \\| ", 2);
          if (p.length != 2) {
            throw bad(file, i, line, "a step is 'step: <task> | <operation>'");
          }
          choices.add(new Choice(p[0], -1, p[1]));
          break;
        }
        case "choose": {
          String[] p = value.split(" \\| ", 3);
          if (p.length != 3) {
            throw bad(file, i, line, "a data choice is 'choose: <task> | <value> | choose(<n>)'");
          }
          try {
            choices.add(new Choice(p[0], Integer.parseInt(p[1]), p[2]));
          } catch (NumberFormatException e) {
            throw bad(file, i, line, "the value must be a number");
          }
          break;
        }
        default:
          throw bad(file, i, line, "unknown key '" + key + "'");
      }
    }
    if (model == null) {
      throw new ModelError(file + ": not a lockmc schedule: no 'model:' line");
    }
    return new Parsed(model, target == null ? "models" : target, finding, choices);
  }

  private static ModelError bad(String file, int line, String text, String why) {
    return new ModelError(file + ":" + (line + 1) + ": cannot read '" + text + "': " + why);
  }
}
