package org.lockmc.report;

import java.util.List;
import org.lockmc.engine.ExplorationResult;

/**
 * Renders {@code reports/index.html}: one self-contained page (inline CSS and SVG, no script, no
 * network) with a table of every model (result, expected result, executions, whether exploration
 * was complete) and, per model, its lock-class graph, each counterexample as a timeline, and the
 * text reports in collapsible blocks. Links to each model's files are relative, so the folder can
 * be moved or published as it is.
 */
public final class IndexHtml {
  private static final String CSS = String.join("\n",
      "body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;margin:0}",
      "main{max-width:1240px;margin:0 auto;padding:16px 20px 48px}",
      "h1{font-size:26px;margin:8px 0 4px}h2{font-size:20px;margin:0 0 6px}",
      "h3{font-size:16px;margin:18px 0 4px}",
      "code,pre,svg text{font-family:ui-monospace,'DejaVu Sans Mono',Menlo,Consolas,monospace}",
      "svg text{font-size:12px}",
      "table.models{border-collapse:collapse;width:100%;margin:16px 0 28px}",
      "table.models th,table.models td{padding:5px 10px;border-bottom:1px solid #d0d7de;"
          + "text-align:left}",
      "table.models td.num{text-align:right;font-variant-numeric:tabular-nums}",
      "table.models tr.unexpected{background:#fff0f0}",
      ".verdict{font-weight:600}.v-deadlock,.v-hang,.v-livelock,.v-violation{color:#b91c1c}",
      ".v-safe{color:#1a7f37}.v-unknown{color:#9a6700}",
      ".status-ok{color:#1a7f37}.status-unexpected{color:#b91c1c;font-weight:700}",
      "section.model{border-top:2px solid #d0d7de;padding-top:14px;margin-top:26px}",
      "section.model.unexpected{border-top-color:#b91c1c}",
      ".meta{color:#57606a;margin:2px 0}.meta code{color:#1f2328}",
      "figure{margin:10px 0}figcaption{font-weight:600;margin-bottom:4px}",
      ".scroll{overflow-x:auto;max-width:100%}",
      ".legend{color:#57606a;font-size:13px}",
      ".swatch{display:inline-block;width:22px;height:8px;vertical-align:middle;margin:0 4px}",
      ".dash{border-top:3px dashed #8c8c8c;height:0}.cyc{border-top-color:#d62728}",
      "details{margin:8px 0}summary{cursor:pointer;color:#0969da}",
      "pre{background:#f6f8fa;padding:10px;overflow-x:auto;font-size:12.5px;line-height:1.35}",
      "p.none{color:#57606a;font-style:italic}");

  private IndexHtml() {}

  /** The page for {@code reports}, in the order given. */
  public static String render(List<ModelReport> reports) {
    int unexpected = 0;
    for (ModelReport r : reports) {
      if (!r.asExpected()) {
        unexpected++;
      }
    }
    StringBuilder b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>lockmc report</title>\n<style>\n").append(CSS).append("\n</style>\n")
        .append("</head>\n<body>\n<main>\n<h1>lockmc report</h1>\n<p class=\"meta\">")
        .append(reports.size()).append(" model").append(reports.size() == 1 ? "" : "s")
        .append(": ").append(reports.size() - unexpected).append(" as expected, ")
        .append(unexpected).append(" unexpected. Regenerate with <code>./lockmc report</code>.")
        .append("</p>\n");
    table(b, reports);
    for (int i = 0; i < reports.size(); i++) {
      section(b, reports.get(i), "m" + (i + 1));
    }
    return b.append("</main>\n</body>\n</html>\n").toString();
  }

  private static void table(StringBuilder b, List<ModelReport> reports) {
    b.append("<table class=\"models\">\n<thead><tr><th>model</th><th>result</th><th>expected</th>")
        .append("<th>executions</th><th>complete</th><th>status</th></tr></thead>\n<tbody>\n");
    for (ModelReport r : reports) {
      ExplorationResult x = r.result();
      boolean ok = x.asExpected();
      b.append("<tr class=\"").append(ok ? "ok" : "unexpected").append("\"><td><a href=\"#")
          .append(anchor(r)).append("\">").append(Markup.esc(r.name())).append("</a></td>")
          .append("<td class=\"verdict v-").append(Markup.verdictClass(x.verdict())).append("\">")
          .append(Markup.esc(x.verdict())).append("</td><td>")
          .append(Markup.esc(SummaryJson.expected(r.model()))).append("</td><td class=\"num\">")
          .append(x.executions()).append("</td><td>").append(x.complete() ? "yes" : "no")
          .append("</td><td class=\"status-").append(ok ? "ok\">ok" : "unexpected\">UNEXPECTED")
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private static String anchor(ModelReport r) {
    return "m-" + Markup.esc(r.name());
  }

  /** One model; {@code id} prefixes the ids of its drawings, unique in the page. */
  private static void section(StringBuilder b, ModelReport r, String id) {
    ExplorationResult x = r.result();
    String folder = Markup.esc(r.name());
    b.append("<section class=\"model").append(x.asExpected() ? "" : " unexpected")
        .append("\" id=\"").append(anchor(r)).append("\" data-result=\"")
        .append(Markup.esc(x.verdict())).append("\">\n<h2>").append(Markup.esc(r.name()))
        .append(": <span class=\"verdict v-").append(Markup.verdictClass(x.verdict()))
        .append("\">").append(Markup.esc(x.verdict())).append("</span></h2>\n");
    b.append("<p class=\"meta\">expected ").append(Markup.esc(SummaryJson.expected(r.model())))
        .append(x.asExpected() ? " (as expected)" : " (<b>UNEXPECTED</b>)").append(" &middot; ")
        .append(x.executions()).append(x.executions() == 1 ? " execution" : " executions")
        .append(" &middot; exploration ")
        .append(x.complete() ? "complete" : "incomplete, bounded by " + Markup.esc(x.bound()))
        .append(" &middot; lockdep expectation ").append(r.model().lockdep().name())
        .append("</p>\n");
    if (r.model().sourceFile() != null) {
      b.append("<p class=\"meta\">model <code>").append(Markup.esc(r.model().sourceFile()))
          .append("</code>");
      if (!r.model().source().isEmpty()) {
        b.append(" &middot; from ").append(Markup.esc(r.model().source()));
      }
      b.append("</p>\n");
    }
    b.append("<p class=\"meta\">files: <a href=\"").append(folder).append("/summary.json\">")
        .append("summary.json</a> <a href=\"").append(folder).append("/trace.txt\">trace.txt</a>");
    for (int i = 0; i < r.witnesses().size(); i++) {
      b.append(" <a href=\"").append(folder).append('/').append(r.scheduleFile(i)).append("\">")
          .append(r.scheduleFile(i)).append("</a>");
    }
    if (r.lockdepText() != null) {
      b.append(" <a href=\"").append(folder).append("/lockdep.txt\">lockdep.txt</a>");
    }
    b.append("</p>\n");
    graph(b, r, id + "-graph");
    for (int i = 0; i < r.witnesses().size(); i++) {
      witness(b, r, i, id + "-cx" + (i + 1));
    }
    if (r.lockdepText() != null) {
      b.append("<details><summary>lockdep.txt</summary><pre>").append(Markup.esc(r.lockdepText()))
          .append("</pre></details>\n");
    }
    b.append("</section>\n");
  }

  private static void graph(StringBuilder b, ModelReport r, String id) {
    b.append("<figure class=\"graph\">\n<figcaption>Lock-class dependency graph")
        .append(r.graph().hasCycle() ? " (the cycle in red)" : "").append("</figcaption>\n");
    String svg = LockGraphSvg.render(r.graph(), id);
    if (svg.isEmpty()) {
      b.append("<p class=\"none\">No lock class to draw: no task acquires a lock that lockdep"
          + " tracks.</p>\n");
    } else {
      b.append("<div class=\"scroll\">").append(svg).append("</div>\n");
    }
    b.append("<p class=\"legend\">").append(Markup.esc(r.graph().origin()))
        .append(". Hover an arrow for who showed it.</p>\n</figure>\n");
  }

  private static void witness(StringBuilder b, ModelReport r, int i, String id) {
    Witness w = r.witnesses().get(i);
    b.append("<h3 class=\"finding\">").append(Markup.esc(w.finding().summary())).append("</h3>\n")
        .append("<p class=\"meta\">found in execution ").append(w.counterexample().execution())
        .append("; replay: <code>lockmc replay ").append(Markup.esc(r.name())).append('/')
        .append(r.scheduleFile(i)).append("</code> (from this folder)</p>\n");
    int rows = w.rows().size();
    b.append("<figure class=\"timeline\">\n<figcaption>Timeline")
        .append(rows > TimelineSvg.MAX_ROWS ? " (the last " + TimelineSvg.MAX_ROWS + " of " + rows
            + " rows; trace.txt has the beginning)" : "")
        .append("</figcaption>\n<p class=\"legend\">")
        .append("one lane per task, one row per step; <span class=\"swatch\" style=\"background:")
        .append(Markup.colour(0)).append("\"></span>lock held")
        .append(" <span class=\"swatch dash\"></span>waiting")
        .append(" <span class=\"swatch dash cyc\"></span>waiting in the deadlock cycle;")
        .append(" hover for the model line</p>\n<div class=\"scroll\">")
        .append(TimelineSvg.render(w, r.graph().nodes(), id)).append("</div>\n</figure>\n");
    b.append("<details><summary>trace</summary><pre>")
        .append(Markup.esc(TraceReport.section(w, r.scheduleFile(i)))).append("</pre></details>\n");
  }
}
