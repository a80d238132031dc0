package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockmc.check.Checker;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.testing.TestModels;

/**
 * {@code index.html} in a real browser: headless Chromium lays the page out at 1280 px, and a
 * probe script (added to a copy of the page; the report itself has no script) measures what was
 * drawn for the first deadlocking model. Skipped, with the reason, where no Chromium is installed
 * ({@code .ci/run} installs Debian's).
 */
class IndexHtmlBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final String PROBE = String.join("\n",
      "<script>",
      "(function () {",
      "  var out = {};",
      "  var sec = document.querySelector('section.model[data-result=\"DEADLOCK\"]');",
      "  out.model = sec.id;",
      "  function box(e) { var r = e.getBoundingClientRect(); return [Math.round(r.width),"
          + " Math.round(r.height)]; }",
      "  var g = sec.querySelector('svg.lock-graph');",
      "  out.graph = box(g);",
      "  out.nodes = g.querySelectorAll('.node').length;",
      "  out.cycleEdges = g.querySelectorAll('.edge.cycle').length;",
      "  out.cycleStroke = getComputedStyle(g.querySelector('.edge.cycle path')).stroke;",
      "  var t = sec.querySelector('svg.timeline');",
      "  out.timeline = box(t);",
      "  out.lanes = t.querySelectorAll('.lane').length;",
      "  out.holds = Array.prototype.map.call(t.querySelectorAll('rect.hold'), function (h) {"
          + " return box(h)[1]; });",
      "  var w = t.querySelectorAll('line.wait.cycle');",
      "  out.cycleWaits = w.length;",
      "  out.waitDash = w.length ? getComputedStyle(w[0]).strokeDasharray : 'none';",
      "  out.cycleArrows = t.querySelectorAll('.cycle-arrow').length;",
      "  out.pageWidth = document.documentElement.scrollWidth;",
      "  out.viewport = window.innerWidth;",
      "  var pre = document.createElement('pre');",
      "  pre.id = 'lockmc-probe';",
      "  pre.textContent = JSON.stringify(out);",
      "  document.body.appendChild(pre);",
      "})();",
      "</script>");

  @TempDir Path tmp;

  @Test
  void theGraphAndTheTimelineOfADeadlockRenderAt1280Pixels() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(CHROMIUM),
        "no browser: " + CHROMIUM + " is not installed (apt-get install chromium; .ci/run does)");
    List<ModelReport> reports = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("basics")) {
      LockGraphRecorder graph = new LockGraphRecorder();
      ExplorerConfig c = ExplorerConfig.DEFAULTS;
      reports.add(ModelReport.of(Checker.check(m, c)));
    }
    String html = IndexHtml.render(reports);
    Path page = tmp.resolve("probe.html");
    Files.writeString(page, html.replace("</body>", PROBE + "\n</body>"), StandardCharsets.UTF_8);

    JsonNode p = new ObjectMapper().readTree(probe(dumpDom(page)));
    assertEquals("m-basics.AbbaDeadlock", p.get("model").asText());
    assertTrue(p.get("graph").get(0).asInt() > 100 && p.get("graph").get(1).asInt() > 40,
        "graph drawn: " + p);
    assertEquals(2, p.get("nodes").asInt(), p.toString());
    assertEquals(2, p.get("cycleEdges").asInt(), p.toString());
    assertEquals("rgb(214, 39, 40)", p.get("cycleStroke").asText(), "cycle edges in red");
    assertTrue(p.get("timeline").get(0).asInt() > 300 && p.get("timeline").get(1).asInt() > 60,
        "timeline drawn: " + p);
    assertEquals(2, p.get("lanes").asInt(), "one lane per task: " + p);
    assertEquals(2, p.get("holds").size(), p.toString());
    for (JsonNode h : p.get("holds")) {
      assertTrue(h.asInt() >= 8, "holds drawn as bars: " + p);
    }
    assertEquals(2, p.get("cycleWaits").asInt(), p.toString());
    assertFalse(p.get("waitDash").asText().equals("none"), "waits are dashed: " + p);
    assertEquals(2, p.get("cycleArrows").asInt(), "the cycle is marked: " + p);
    assertTrue(p.get("pageWidth").asInt() <= 1280, "no horizontal scrolling at 1280 px: " + p);
  }

  @Test
  void thePageIsSelfContained() {
    String html = IndexHtml.render(List.of());
    assertFalse(html.contains("<script"), "no script");
    assertFalse(html.contains("<link"), "no external stylesheet");
    assertFalse(html.matches("(?s).*(src|href)=\"https?:.*"), "nothing fetched from the network");
  }

  private String dumpDom(Path page) throws IOException, InterruptedException {
    List<String> cmd = List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--window-size=1280,1000",
        "--user-data-dir=" + tmp.resolve("profile"), "--dump-dom", page.toUri().toString());
    Process proc = new ProcessBuilder(cmd).redirectError(tmp.resolve("chromium.log").toFile())
        .start();
    proc.getOutputStream().close();
    byte[] out = proc.getInputStream().readAllBytes();
    if (!proc.waitFor(120, TimeUnit.SECONDS)) {
      proc.destroyForcibly();
      throw new AssertionError("chromium did not finish");
    }
    assertEquals(0, proc.exitValue(), Files.readString(tmp.resolve("chromium.log")));
    return new String(out, StandardCharsets.UTF_8);
  }

  private static String probe(String dom) {
    Matcher m = Pattern.compile("<pre id=\"lockmc-probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
    assertTrue(m.find(), "the probe ran: " + dom.substring(0, Math.min(400, dom.length())));
    return m.group(1).replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
