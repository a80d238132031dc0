package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LockGraphTest {
  private static boolean cycle(LockGraph g, String from, String to) {
    for (LockGraph.Edge e : g.edges()) {
      if (e.from().equals(from) && e.to().equals(to)) {
        return e.cycle();
      }
    }
    throw new AssertionError("no edge " + from + " -> " + to);
  }

  @Test
  void edgesOnACycleAreMarkedAndOthersAreNot() {
    LockGraph g = new LockGraph.Builder("test").edge("d", "a", null).edge("a", "b", "A: x")
        .edge("b", "c", null).edge("c", "a", null).edge("c", "e", null).build();
    assertEquals(List.of("d", "a", "b", "c", "e"), g.nodes());
    assertTrue(cycle(g, "a", "b"));
    assertTrue(cycle(g, "b", "c"));
    assertTrue(cycle(g, "c", "a"));
    assertFalse(cycle(g, "d", "a"));
    assertFalse(cycle(g, "c", "e"));
    assertTrue(g.hasCycle());
  }

  @Test
  void aSelfEdgeIsACycleOfOne() {
    LockGraph g = new LockGraph.Builder("test").edge("srcu", "srcu", null).node("other").build();
    assertTrue(cycle(g, "srcu", "srcu"));
  }

  @Test
  void anOrderWithoutInversionHasNoCycle() {
    LockGraph g = new LockGraph.Builder("test").edge("a", "b", "A").edge("a", "b", "B")
        .edge("a", "b", "A").build();
    assertFalse(g.hasCycle());
    assertEquals(1, g.edges().size(), "one edge per ordered pair");
    assertEquals(List.of("A", "B"), g.edges().get(0).evidence(), "evidence without repeats");
  }

  @Test
  void theSvgMarksTheCycleAndEscapesNames() {
    LockGraph g = new LockGraph.Builder("test").edge("&mm->mmap_sem", "b", null)
        .edge("b", "&mm->mmap_sem", null).edge("b", "c", null).build();
    String svg = LockGraphSvg.render(g, "g1");
    assertTrue(svg.contains(">&amp;mm-&gt;mmap_sem</text>"), svg);
    assertEquals(2, count(svg, "class=\"edge cycle\""), svg);
    assertEquals(1, count(svg, "class=\"edge\""), svg);
    assertEquals(3, count(svg, "<g class=\"node"), svg);
    assertTrue(svg.contains("marker-end=\"url(#g1-arrow-cycle)\""), svg);
    assertEquals(svg, LockGraphSvg.render(g, "g1"), "deterministic");
    assertEquals("", LockGraphSvg.render(new LockGraph.Builder("none").build(), "g2"));
  }

  static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }
}
