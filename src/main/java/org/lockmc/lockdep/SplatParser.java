package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import org.lockmc.engine.ModelError;
import org.lockmc.lockdep.SplatLines.Line;

/**
 * Reads a real lockdep report, circular or recursive, in any layout of lockdep.md 1.9: the modern
 * one, the {@code [ INFO: ... ]} one before 4.12 (raw addresses, six usage characters), syzbot's
 * decorated one, with or without printk timestamps, and a report quoted in part in a patch
 * description (no title rules, scenario table before the chain, no held locks).
 *
 * <p>Text before the report and after it (mail headers, the stack backtrace, the patch) is
 * ignored. A report that is malformed or truncated is a {@link ModelError} naming the file and the
 * line that could not be read.
 */
public final class SplatParser {
  private static final String[] UNSUPPORTED = {"inconsistent lock state", "bad unlock balance",
      "lock held when returning to user space", "suspicious RCU usage", "Invalid wait context",
      "irq lock inversion", "lock order detected", "held lock freed", "Nested lock was not taken"};

  private final String source;
  private final List<Line> lines;
  private final SplatLines input;
  private int at;

  private ParsedSplat.Kind kind;
  private ParsedSplat.Layout layout;
  private String release;
  private String task;
  private int pid;
  private ParsedSplat.Lock acquiring;
  private ParsedSplat.Lock holding;
  private final List<ParsedSplat.ChainEntry> chain = new ArrayList<>();
  private boolean chainSeen;
  private final List<String> chainExists = new ArrayList<>();
  private final List<ParsedSplat.ScenarioLine> scenario = new ArrayList<>();
  private final List<ParsedSplat.Lock> held = new ArrayList<>();
  private Line firstUnread;

  private SplatParser(String text, String source) {
    this.source = source;
    this.input = new SplatLines(text);
    this.lines = input.lines;
  }

  /** Parses the first circular or recursive lockdep report in {@code text}. */
  public static ParsedSplat parse(String text, String source) {
    return new SplatParser(text, source).parse();
  }

  private ParsedSplat parse() {
    start();
    header();
    body();
    validate();
    return new ParsedSplat(source, kind, layout, new ArrayList<>(input.decorations), release,
        task, pid, acquiring, holding, chain, chainExists, scenario, held);
  }

  /** Finds the title (or, in a quoted report, the first lock line's header). */
  private void start() {
    for (at = 0; at < lines.size(); at++) {
      String t = lines.get(at).text();
      String lower = t.toLowerCase(Locale.ROOT);
      if (lower.contains("circular locking dependency detected")) {
        kind = ParsedSplat.Kind.CIRCULAR;
      } else if (lower.contains("recursive locking detected")) {
        kind = ParsedSplat.Kind.RECURSIVE;
      } else {
        for (String u : UNSUPPORTED) {
          if (lower.contains(u.toLowerCase(Locale.ROOT)) && lower.contains("warning")
              || t.startsWith("[ ") && lower.contains(u.toLowerCase(Locale.ROOT))) {
            throw error(lines.get(at), "'" + t + "' is not a circular or recursive locking"
                + " report; lockmc splat reads those two");
          }
        }
        if (SplatLines.TRYING.matcher(t).matches()) {
          kind = ParsedSplat.Kind.CIRCULAR;
          layout = ParsedSplat.Layout.ABBREVIATED;
          return;
        }
        continue;
      }
      layout = t.contains("[ INFO:") ? ParsedSplat.Layout.LEGACY
          : t.contains("WARNING:") ? ParsedSplat.Layout.MODERN : ParsedSplat.Layout.ABBREVIATED;
      at++;
      return;
    }
    throw new ModelError(source + ": no lockdep report found: expected a line such as 'WARNING:"
        + " possible circular locking dependency detected' or '<task>/<pid> is trying to acquire"
        + " lock:'");
  }

  /** The ident line, the task line, and the two lock lines. */
  private void header() {
    Line l = nextNonBlank("'<task>/<pid> is trying to acquire lock:'");
    boolean ident = layout == ParsedSplat.Layout.ABBREVIATED;
    while (SplatLines.isRule(l.text())
        || !ident && !SplatLines.TRYING.matcher(l.text()).matches()) {
      if (!SplatLines.isRule(l.text())) {
        // the ident line: "<release> #<n> Not tainted"
        ident = true;
        if (SplatLines.RELEASE.matcher(l.text()).find()) {
          release = l.text().split("\\s+")[0];
        }
      }
      at++;
      l = nextNonBlank("'<task>/<pid> is trying to acquire lock:'");
    }
    Matcher m = SplatLines.TRYING.matcher(l.text());
    if (!m.matches()) {
      throw error(l, "expected '<task>/<pid> is trying to acquire lock:', found '" + l.text()
          + "'");
    }
    task = m.group(1);
    pid = Integer.parseInt(m.group(2));
    at++;
    acquiring = lockLines("the lock being acquired");
    Line h = nextNonBlank("'but task is already holding lock:'");
    if (!h.text().equals("but task is already holding lock:")) {
      throw error(h, "expected 'but task is already holding lock:', found '" + h.text() + "'");
    }
    at++;
    holding = lockLines("the lock already held");
  }

  /** One lock line, and syzbot's repetitions of it (one per inlined frame). */
  private ParsedSplat.Lock lockLines(String what) {
    Line l = nextNonBlank("a lock line for " + what);
    Matcher m = SplatLines.LOCK.matcher(l.text());
    if (!m.matches()) {
      throw error(l, "cannot read " + what + ": '" + l.text() + "'");
    }
    ParsedSplat.Lock lock = new ParsedSplat.Lock(m.group(1), m.group(2),
        SplatLines.site(m.group(3)), l.number());
    at++;
    while (at < lines.size()) {
      Matcher again = SplatLines.LOCK.matcher(lines.get(at).text());
      if (!again.matches() || !again.group(1).equals(lock.name())) {
        break;
      }
      at++;
    }
    return lock;
  }

  /** The sections after the lock lines, in any order, until the report ends. */
  private void body() {
    while (at < lines.size()) {
      Line l = lines.get(at);
      String t = l.text();
      if (t.isEmpty() || t.equals("which lock already depends on the new lock.")
          || t.startsWith("other info that might help us debug this")
          || t.equals("*** DEADLOCK ***") || t.startsWith("May be due to missing lock nesting")
          || t.startsWith("and the lock comparison function returns")) {
        at++;
      } else if (t.startsWith("the existing dependency chain")) {
        at++;
        chain();
      } else if (t.equals("Chain exists of:")) {
        at++;
        Line c = nextNonBlank("the 'Chain exists of:' line");
        for (String name : c.text().split(" --> ")) {
          chainExists.add(name.trim());
        }
        at++;
      } else if (t.contains("Possible unsafe locking scenario")) {
        at++;
        scenario();
      } else if (SplatLines.HELD_HEADER.matcher(t).matches()) {
        at++;
        heldLocks();
      } else if (SplatLines.NO_HELD.matcher(t).matches() || t.equals("stack backtrace:")) {
        return;
      } else if (complete()) {
        return;
      } else {
        if (firstUnread == null) {
          firstUnread = l;
        }
        at++;
      }
    }
  }

  private boolean complete() {
    return kind == ParsedSplat.Kind.RECURSIVE || chainSeen;
  }

  /** {@code -> #N} down to {@code -> #0}, each with its frames. */
  private void chain() {
    chainSeen = true;
    List<Matcher> heads = new ArrayList<>();
    List<Integer> headLines = new ArrayList<>();
    List<List<String>> frames = new ArrayList<>();
    boolean blank = false;
    int last = -1;
    while (at < lines.size()) {
      Line l = lines.get(at);
      String t = l.text();
      if (t.isEmpty()) {
        blank = true;
        at++;
        continue;
      }
      Matcher m = SplatLines.ENTRY.matcher(t);
      if (m.matches()) {
        int depth = Integer.parseInt(m.group(1));
        if (heads.isEmpty() ? depth < 1 : depth != last - 1) {
          throw error(l, heads.isEmpty() ? "the dependency chain starts at '-> #" + depth
              + "'; it must start at the held lock, '-> #1' or deeper"
              : "expected '-> #" + (last - 1) + "' in the dependency chain, found '-> #"
                  + depth + "'");
        }
        heads.add(m);
        headLines.add(l.number());
        frames.add(new ArrayList<>());
        last = depth;
        blank = false;
      } else if (t.startsWith("->")) {
        throw error(l, "cannot read this dependency chain entry: '" + t + "'");
      } else if (!heads.isEmpty() && !blank) {
        String f = SplatLines.function(t);
        if (f != null) {
          frames.get(frames.size() - 1).add(f);
        }
      } else if (last == 0) {
        break;
      } else {
        throw error(l, heads.isEmpty() ? "expected '-> #N (lock){usage}:' after 'the existing"
            + " dependency chain (in reverse order) is:', found '" + t + "'"
            : "expected '-> #" + (last - 1) + " (lock){usage}:' in the dependency chain, found '"
                + t + "'");
      }
      at++;
    }
    if (last != 0) {
      throw error(lastLine(), "truncated: the dependency chain "
          + (heads.isEmpty() ? "has no entries" : "stops at '-> #" + last + "' (line "
              + headLines.get(headLines.size() - 1) + ")")
          + " and the text ends; '-> #0', the lock being acquired, is missing");
    }
    for (int i = 0; i < heads.size(); i++) {
      Matcher m = heads.get(i);
      chain.add(new ParsedSplat.ChainEntry(Integer.parseInt(m.group(1)), m.group(2), m.group(3),
          frames.get(i), headLines.get(i)));
    }
  }

  /** The unsafe-scenario table; its columns are told apart by indentation. */
  private void scenario() {
    int col0 = -1;
    int col1 = -1;
    boolean rows = false;
    while (at < lines.size()) {
      Line l = lines.get(at);
      String t = l.text();
      if (t.isEmpty()) {
        if (rows && !restIsBlank()) {
          return;
        }
      } else if (t.equals("*** DEADLOCK ***")) {
        return;
      } else if (col0 < 0) {
        col0 = l.raw().indexOf(t.charAt(0));
        String[] names = t.split("\\s{2,}");
        col1 = names.length > 1 ? l.raw().lastIndexOf(names[names.length - 1]) : -1;
      } else if (t.chars().allMatch(c -> c == '-' || c == ' ')) {
        // the dashes under the column names
      } else {
        Matcher m = SplatLines.SCENARIO.matcher(t);
        if (!m.find()) {
          if (t.startsWith("<Interrupt>") || t.endsWith("();")) {
            at++;
            continue;
          }
          throw error(l, "cannot read this line of the unsafe-scenario table: '" + t + "'");
        }
        int pos = l.raw().indexOf(t);
        int cpu = col1 >= 0 && pos >= (col0 + col1) / 2 ? 1 : 0;
        scenario.add(new ParsedSplat.ScenarioLine(cpu, m.group(1), m.group(2), l.number()));
        rows = true;
      }
      at++;
    }
    // the text ended inside the table: accept it only if every column already has its two rows
    // (a lock held, a lock taken), so a cut table is never read as a whole one
    long cpu0 = scenario.stream().filter(r -> r.cpu() == 0).count();
    long cpu1 = scenario.stream().filter(r -> r.cpu() == 1).count();
    if (cpu0 < 2 || (col1 >= 0 && cpu1 < 2)) {
      throw error(lastLine(), "truncated: the text ends inside the unsafe-scenario table ("
          + cpu0 + (col1 >= 0 ? " and " + cpu1 + " rows for CPU0 and CPU1" : " rows for CPU0")
          + ", two each expected); paste the whole report");
    }
  }

  /** Whether no line from the current one on has text. */
  private boolean restIsBlank() {
    return lines.subList(at, lines.size()).stream().allMatch(l -> l.text().isEmpty());
  }

  /** {@code #k: lock line}, until the list ends. */
  private void heldLocks() {
    while (at < lines.size()) {
      Line l = lines.get(at);
      Matcher m = SplatLines.HELD_LINE.matcher(l.text());
      if (m.matches()) {
        Matcher lock = SplatLines.LOCK.matcher(m.group(2));
        if (!lock.matches()) {
          throw error(l, "cannot read this held lock: '" + l.text() + "'");
        }
        held.add(new ParsedSplat.Lock(lock.group(1), lock.group(2),
            SplatLines.site(lock.group(3)), l.number()));
      } else if (!SplatLines.LOCK.matcher(l.text()).matches()) {
        return;
      }
      at++;
    }
  }

  private void validate() {
    if (kind == ParsedSplat.Kind.RECURSIVE) {
      return;
    }
    if (!chainSeen) {
      Line end = firstUnread != null ? firstUnread : lastLine();
      throw error(end, firstUnread != null
          ? "cannot read '" + end.text() + "', and no dependency chain ('the existing dependency"
              + " chain (in reverse order) is:') follows the lock lines"
          : "truncated: the text ends before the dependency chain ('the existing dependency"
              + " chain (in reverse order) is:')");
    }
    ParsedSplat.ChainEntry top = chain.get(0);
    ParsedSplat.ChainEntry bottom = chain.get(chain.size() - 1);
    if (!top.name().equals(holding.name())) {
      throw error(lines.get(top.line() - 1), "'-> #" + top.depth() + "' names " + top.name()
          + " but the task holds " + holding.name() + " (line " + holding.line()
          + "): the entries do not belong to this report");
    }
    if (!bottom.name().equals(acquiring.name())) {
      throw error(lines.get(bottom.line() - 1), "'-> #0' names " + bottom.name()
          + " but the task is acquiring " + acquiring.name() + " (line " + acquiring.line()
          + "): the entries do not belong to this report");
    }
  }

  private Line nextNonBlank(String expected) {
    while (at < lines.size() && lines.get(at).text().isEmpty()) {
      at++;
    }
    if (at >= lines.size()) {
      throw error(lastLine(), "truncated: the text ends where " + expected + " should follow");
    }
    return lines.get(at);
  }

  /** The last line with text: where a truncated report ends. */
  private Line lastLine() {
    for (int i = lines.size() - 1; i > 0; i--) {
      if (!lines.get(i).text().isEmpty()) {
        return lines.get(i);
      }
    }
    return lines.get(0);
  }

  private ModelError error(Line l, String message) {
    return new ModelError(source + ":" + l.number() + ": " + message);
  }
}
