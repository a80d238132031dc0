package org.lockmc.report;

import java.util.List;

/**
 * What the HTML and SVG renderers share: escaping, number formatting that no locale or platform
 * can change, and the palette. Lock class names such as {@code &mm->mmap_sem} are full of markup
 * characters, so every name goes through {@link #esc}.
 */
final class Markup {
  /** The colour of everything that belongs to a deadlock cycle. */
  static final String CYCLE = "#d62728";
  /** Lock-class colours, assigned in the order classes appear in the graph. */
  private static final List<String> PALETTE = List.of("#1f77b4", "#2ca02c", "#9467bd", "#ff7f0e",
      "#17becf", "#8c564b", "#e377c2", "#bcbd22", "#7f7f7f", "#393b79");
  /** Approximate advance of one character of the 12 px monospace font, in pixels. */
  static final double CHAR = 7.3;

  private Markup() {}

  /** Text escaped for HTML/SVG content and double-quoted attributes. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&':
          b.append("&amp;");
          break;
        case '<':
          b.append("&lt;");
          break;
        case '>':
          b.append("&gt;");
          break;
        case '"':
          b.append("&quot;");
          break;
        default:
          b.append(c);
      }
    }
    return b.toString();
  }

  /**
   * A coordinate with one decimal, formatted without {@code String.format} (whose output depends
   * on the default locale) and without trailing {@code .0}.
   */
  static String num(double v) {
    long tenths = Math.round(v * 10);
    String sign = tenths < 0 ? "-" : "";
    long a = Math.abs(tenths);
    return a % 10 == 0 ? sign + a / 10 : sign + a / 10 + "." + a % 10;
  }

  /** The colour of the {@code i}-th lock class. */
  static String colour(int i) {
    return PALETTE.get(Math.floorMod(i, PALETTE.size()));
  }

  /** {@code s} cut to {@code max} characters, with an ellipsis when cut. */
  static String fit(String s, int max) {
    if (s.length() <= max) {
      return s;
    }
    return max <= 1 ? "\u2026" : s.substring(0, max - 1) + "\u2026";
  }

  /** A CSS-safe token for a verdict ({@code DEADLOCK, VIOLATION} gives {@code deadlock}). */
  static String verdictClass(String verdict) {
    String first = verdict.split("[ ,(]", 2)[0];
    return first.toLowerCase();
  }
}
