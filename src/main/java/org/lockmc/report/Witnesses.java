package org.lockmc.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.lockmc.check.Checker;
import org.lockmc.engine.Choice;
import org.lockmc.engine.Counterexample;
import org.lockmc.engine.ExplorationResult;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.Finding;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.engine.StrategyKind;
import org.lockmc.engine.TraceEntry;
import org.lockmc.engine.dpor.ReplayStrategy;

/**
 * Makes the {@link Witness} of a counterexample by replaying its schedule once, with model source
 * lines captured and a {@link WitnessRecorder} watching. Exploration records no source lines
 * (capturing them costs a stack walk per operation); one replay per reported counterexample does.
 */
public final class Witnesses {
  private Witnesses() {}

  /**
   * A replayed schedule: the result of its single execution and a witness per counterexample.
   *
   * @param result the replay's result (its counterexamples are numbered execution 1)
   * @param witnesses one per counterexample of {@code result}, in verdict order
   */
  public record Replay(ExplorationResult result, List<Witness> witnesses) {}

  /** Replays {@code schedule} on {@code model} under {@code config}'s bounds. */
  public static Replay replay(ModelDefinition model, ExplorerConfig config, List<Choice> schedule) {
    WitnessRecorder rec = new WitnessRecorder(new ReplayStrategy(schedule),
        model.type().getClassLoader());
    ExplorationResult r = Checker.explorer(model, config.withStrategy(StrategyKind.REPLAY), rec)
        .listener(rec).captureSites(true).explore();
    List<Witness> ws = new ArrayList<>();
    for (Counterexample cx : r.counterexamples()) {
      ws.add(build(cx, rec));
    }
    return new Replay(r, ws);
  }

  /**
   * Replays {@code cx} of {@code model}: the witness of its finding, numbered with the
   * exploration's execution.
   *
   * @throws IllegalStateException when the replay does not reach a finding of the same kind,
   *     which would break the engine's promise that every counterexample replays exactly
   */
  public static Witness replay(ModelDefinition model, ExplorerConfig config, Counterexample cx) {
    Replay replay = replay(model, config, cx.schedule());
    for (Witness w : replay.witnesses()) {
      if (w.finding().kind() == cx.finding().kind()) {
        Counterexample c = w.counterexample();
        // The replay numbers its single execution 1; the reader wants the exploration's number.
        return new Witness(new Counterexample(c.finding(), cx.execution(), c.tasks(),
            cx.schedule(), c.trace(), c.finalWaits()), w.rows(), w.holds(), w.waits(),
            w.dependencies(), w.lockClasses());
      }
    }
    throw new IllegalStateException("replaying the " + cx.finding().kind() + " counterexample of "
        + model.name() + " found " + replay.result().findingKeys() + " instead of "
        + cx.finding().key());
  }

  private static Witness build(Counterexample cx, WitnessRecorder rec) {
    List<Witness.Row> rows = new ArrayList<>();
    TreeMap<Integer, Integer> rowOfEvent = new TreeMap<>();
    Map<WitnessRecorder.Block, Integer> rowOfBlock = new HashMap<>();
    List<WitnessRecorder.Block> blocks = shown(cx, rec.blocks());
    int nextBlock = 0;
    int steps = 0;
    for (TraceEntry e : cx.trace()) {
      if (e.step() < 0) {
        rows.add(new Witness.Row(Witness.Kind.CHOICE, 0, e.task(), e.op(), e.site(), null));
        continue;
      }
      while (nextBlock < blocks.size() && blocks.get(nextBlock).at <= e.step()) {
        rowOfBlock.put(blocks.get(nextBlock), rows.size());
        rows.add(blockRow(blocks.get(nextBlock++)));
      }
      rowOfEvent.put(e.step(), rows.size());
      // Steps are numbered by decision, without the gaps of events nobody chose (task exits).
      rows.add(new Witness.Row(Witness.Kind.STEP, ++steps, e.task(), e.op(), e.site(), null));
    }
    while (nextBlock < blocks.size()) {
      rowOfBlock.put(blocks.get(nextBlock), rows.size());
      rows.add(blockRow(blocks.get(nextBlock++)));
    }
    List<Witness.Wait> waits = waits(cx, rec, rows, rowOfEvent, rowOfBlock);
    List<Witness.Hold> holds = new ArrayList<>();
    for (WitnessRecorder.HoldSpan h : rec.holds()) {
      int from = rowAtOrAfter(rowOfEvent, h.from());
      if (from < 0) {
        continue; // taken after the counterexample's last shown step
      }
      holds.add(new Witness.Hold(h.task(), h.lock(), h.mode(), from,
          h.to() < 0 ? -1 : rowAtOrAfter(rowOfEvent, h.to())));
    }
    holds.sort(Comparator.comparingInt(Witness.Hold::from)
        .thenComparing(h -> cx.tasks().indexOf(h.task())));
    return new Witness(cx, rows, holds, waits, rec.dependencies(), rec.lockClasses());
  }

  /** The blocks up to the counterexample's end (a deadlock's trace ends where its cycle formed). */
  private static List<WitnessRecorder.Block> shown(Counterexample cx, List<WitnessRecorder.Block> all) {
    int end = 0;
    for (TraceEntry e : cx.trace()) {
      end = Math.max(end, e.step() + 1);
    }
    List<WitnessRecorder.Block> out = new ArrayList<>();
    for (WitnessRecorder.Block b : all) {
      if (b.at <= end) {
        out.add(b);
      }
    }
    return out;
  }

  private static Witness.Row blockRow(WitnessRecorder.Block b) {
    return new Witness.Row(Witness.Kind.BLOCKED, 0, b.task, b.op, b.site, b.reason);
  }

  /** Waits that ended, and those still blocked at the end (with a row of their own if needed). */
  private static List<Witness.Wait> waits(Counterexample cx, WitnessRecorder rec,
      List<Witness.Row> rows, TreeMap<Integer, Integer> rowOfEvent,
      Map<WitnessRecorder.Block, Integer> rowOfBlock) {
    List<String> cycle = cx.finding() instanceof Finding.Deadlock
        ? ((Finding.Deadlock) cx.finding()).tasks() : List.of();
    Map<String, Finding.Wait> finals = new HashMap<>();
    for (Finding.Wait w : cx.finalWaits()) {
      finals.put(w.task(), w);
    }
    List<Witness.Wait> waits = new ArrayList<>();
    List<String> shown = new ArrayList<>();
    for (WitnessRecorder.Block b : shown(cx, rec.blocks())) {
      int from = rowOfBlock.get(b);
      if (b.until >= 0) {
        int to = rowAtOrAfter(rowOfEvent, b.until);
        if (to >= 0) {
          waits.add(new Witness.Wait(b.task, b.op, b.reason, from, to, List.of(), false));
          continue;
        }
      }
      Finding.Wait f = finals.get(b.task);
      shown.add(b.task);
      // The finding names the operation the task called; the row shows where it is in it.
      waits.add(new Witness.Wait(b.task, f == null ? b.op : f.op(),
          f == null ? b.reason : f.reason(), from, -1, f == null ? List.of() : f.waitsFor(),
          cycle.contains(b.task)));
    }
    for (Finding.Wait f : cx.finalWaits()) {
      if (shown.contains(f.task())) {
        continue;
      }
      int from = rows.size();
      rows.add(new Witness.Row(Witness.Kind.BLOCKED, 0, f.task(), f.op(), rec.arrivalSite(f.task()),
          f.reason()));
      waits.add(new Witness.Wait(f.task(), f.op(), f.reason(), from, -1, f.waitsFor(),
          cycle.contains(f.task())));
    }
    return waits;
  }

  /** The row of the first shown event at or after {@code event}, or -1 when there is none. */
  private static int rowAtOrAfter(TreeMap<Integer, Integer> rowOfEvent, int event) {
    Map.Entry<Integer, Integer> e = rowOfEvent.ceilingEntry(event);
    return e == null ? -1 : e.getValue();
  }
}
