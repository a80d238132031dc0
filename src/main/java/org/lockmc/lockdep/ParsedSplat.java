package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@link SplatParser} read from a real lockdep report: the task, the two lock lines, the
 * dependency chain with each entry's frames, the {@code Chain exists of:} summary, the
 * unsafe-scenario table and the held locks. Line numbers are 1-based lines of the input.
 *
 * @param source the file name, for messages
 * @param kind circular or recursive
 * @param layout the report's layout
 * @param decorations what surrounded lockdep's text (timestamps, syzbot's symbolised frames,
 *     mail quoting), for the user's information
 * @param release the kernel release of the ident line ({@code 4.12.0-rc6-next-20170626+}), or
 *     null when the report has none
 * @param task the task ({@code comm})
 * @param pid its pid
 * @param acquiring the lock being acquired
 * @param holding the lock already held ({@code prev})
 * @param chain the dependency chain as printed, {@code -> #N} first; empty for a recursive report
 * @param chainExists the three names of {@code Chain exists of:}, or empty
 * @param scenario the unsafe-scenario table
 * @param held the held locks listed at the end ({@code #0} first), possibly empty
 */
public record ParsedSplat(String source, Kind kind, Layout layout, List<String> decorations,
    String release, String task, int pid, Lock acquiring, Lock holding, List<ChainEntry> chain,
    List<String> chainExists, List<ScenarioLine> scenario, List<Lock> held) {

  public ParsedSplat {
    decorations = List.copyOf(decorations);
    chain = List.copyOf(chain);
    chainExists = List.copyOf(chainExists);
    scenario = List.copyOf(scenario);
    held = List.copyOf(held);
  }

  /** Which report. */
  public enum Kind {
    CIRCULAR("possible circular locking dependency"),
    RECURSIVE("possible recursive locking");

    private final String title;

    Kind(String title) {
      this.title = title;
    }

    public String title() {
      return title;
    }
  }

  /** The report layouts of lockdep.md 1.9. */
  public enum Layout {
    /** {@code WARNING: ...} titles (v4.12+). */
    MODERN,
    /** {@code [ INFO: ... ]} titles (up to v4.11). */
    LEGACY,
    /** No title rules: a report quoted in part, as in a patch description. */
    ABBREVIATED
  }

  /** How a lock class was used, from its usage characters. */
  public enum Usage {
    WRITE,
    READ,
    READ_WRITE,
    UNKNOWN;

    /** From lockdep's usage characters: write columns at even positions, read at odd ones. */
    static Usage of(String chars) {
      if (chars == null) {
        return UNKNOWN;
      }
      boolean w = false;
      boolean r = false;
      for (int i = 0; i < chars.length(); i++) {
        if (chars.charAt(i) != '.') {
          if (i % 2 == 0) {
            w = true;
          } else {
            r = true;
          }
        }
      }
      return w && r ? READ_WRITE : w ? WRITE : r ? READ : UNKNOWN;
    }
  }

  /**
   * A lock line: {@code ffff8880 (name){usage}-{o:i}, at: site}.
   *
   * @param name the class name as printed ({@code &mm->mmap_sem}, {@code s_active#12})
   * @param usage the usage characters, or null
   * @param site what follows {@code at:}, without the address, or empty
   * @param line the line number
   */
  public record Lock(String name, String usage, String site, int line) {}

  /**
   * One {@code -> #k (name){usage}:} entry and its frames (function names, innermost first,
   * unreliable {@code ?} frames left out).
   */
  public record ChainEntry(int depth, String name, String usage, List<String> frames, int line) {
    public ChainEntry {
      frames = List.copyOf(frames);
    }

    /** How the class was used, from its usage characters. */
    public Usage mode() {
      return Usage.of(usage);
    }
  }

  /**
   * One line of the unsafe-scenario table: {@code cpu} 0 or 1, {@code verb} {@code lock}, {@code
   * rlock}, {@code sync} or {@code unlock}.
   */
  public record ScenarioLine(int cpu, String verb, String name, int line) {}

  /**
   * The classes of a circular report's cycle, {@code L0 = next, L1, ..., LN = prev}: the path
   * lockdep found, closed by the new dependency {@code prev -> next}.
   */
  public List<String> path() {
    List<String> out = new ArrayList<>();
    for (int i = chain.size() - 1; i >= 0; i--) {
      out.add(chain.get(i).name());
    }
    return out;
  }

  /** The entry of depth {@code k}, or null. */
  public ChainEntry entry(int k) {
    for (ChainEntry e : chain) {
      if (e.depth() == k) {
        return e;
      }
    }
    return null;
  }

  /** {@code task/pid}. */
  public String taskId() {
    return task + "/" + pid;
  }
}
