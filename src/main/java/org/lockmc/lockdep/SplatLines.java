package org.lockmc.lockdep;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines of a splat with what surrounds lockdep's own text removed: mail quoting ({@code > }),
 * a mail archive's non-breaking spaces, printk timestamps ({@code [  201.602150] }) and caller
 * ids ({@code [ T5093]}); and the patterns of lockdep's lines, in every layout of lockdep.md 1.9
 * (old {@code , at: [<addr>] sym} and raw frame addresses, hashed or real instance addresses,
 * syzbot's {@code file:line [inline]}).
 */
final class SplatLines {
  /** One input line: {@code raw} keeps the indentation lockdep printed, {@code text} is trimmed. */
  record Line(int number, String raw, String text) {}

  private static final Pattern QUOTE = Pattern.compile("^(?:>[ \\t]?)+");
  private static final Pattern TIMESTAMP =
      Pattern.compile("^\\s*\\[\\s*\\d+\\.\\d+\\](?:\\[\\s*[A-Z]+\\d+\\])? ?");
  static final Pattern LOCK = Pattern.compile("^(?:(?:[0-9a-fA-F]{8,16}|\\(____ptrval____\\))\\s+)?"
      + "\\((.+)\\)\\{([-.+?]{4,6})\\}(?:-\\{\\d+:\\d+\\})?(?:,\\s*at:\\s*(.*))?$");
  static final Pattern ENTRY = Pattern.compile(
      "^->\\s*#(\\d+):?\\s+\\((.+)\\)(?:\\{([-.+?]{4,6})\\})?(?:-\\{\\d+:\\d+\\})?:$");
  static final Pattern TRYING = Pattern.compile("^(.*)/(\\d+) is trying to acquire lock:$");
  static final Pattern HELD_HEADER = Pattern.compile("^(\\d+) locks? held by (.*)/(\\d+):$");
  static final Pattern NO_HELD = Pattern.compile("^no locks held by (.*)/(\\d+)\\.$");
  static final Pattern HELD_LINE = Pattern.compile("^#(\\d+):\\s*(.*)$");
  static final Pattern SCENARIO = Pattern.compile("(rlock|lock|sync|unlock)\\((.+)\\);$");
  static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)\\S*\\s+#\\d+");
  private static final Pattern ADDRESS = Pattern.compile("^\\[<[0-9a-fA-F]+>\\]\\s*");

  final List<Line> lines = new ArrayList<>();
  final Set<String> decorations = new LinkedHashSet<>();

  SplatLines(String text) {
    String[] split = text.split("\r?\n", -1);
    for (int i = 0; i < split.length; i++) {
      String s = split[i];
      if (s.indexOf('\u00a0') >= 0 || s.indexOf('\u202f') >= 0) {
        s = s.replace('\u00a0', ' ').replace('\u202f', ' ');
        decorations.add("non-breaking spaces (a mail archive)");
      }
      Matcher q = QUOTE.matcher(s);
      if (q.find()) {
        s = s.substring(q.end());
        decorations.add("mail quoting");
      }
      Matcher t = TIMESTAMP.matcher(s);
      if (t.find()) {
        s = s.substring(t.end());
        decorations.add("timestamps");
      }
      s = s.replace("\t", "        ");
      if (s.contains(" [inline]")) {
        decorations.add("syzbot symbolised frames");
      }
      lines.add(new Line(i + 1, s, s.trim()));
    }
  }

  /** {@code symbol+0x1c/0x40} or {@code symbol file.c:12 [inline]} with any address removed. */
  static String site(String at) {
    return at == null ? "" : ADDRESS.matcher(at.trim()).replaceFirst("").trim();
  }

  /** The function of a frame line, or null for an unreliable ({@code ?}) or empty frame. */
  static String function(String frame) {
    String f = ADDRESS.matcher(frame.trim()).replaceFirst("").trim();
    if (f.isEmpty() || f.startsWith("?")) {
      return null;
    }
    int space = f.indexOf(' ');
    String sym = space < 0 ? f : f.substring(0, space);
    int plus = sym.indexOf("+0x");
    return plus < 0 ? sym : sym.substring(0, plus);
  }

  static boolean isRule(String text) {
    return !text.isEmpty() && (text.chars().allMatch(c -> c == '=')
        || text.chars().allMatch(c -> c == '-'));
  }
}
