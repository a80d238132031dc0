package org.lockmc.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Draws a {@link LockGraph} as inline SVG: lock classes as ellipses on a circle (in the graph's
 * order, the first at the top), dependencies as curved arrows from the held class to the acquired
 * one, and everything on a cycle in {@link Markup#CYCLE} red. Each arrow's tooltip lists who
 * showed the dependency and where.
 *
 * <p>Deterministic: the layout depends only on the graph, the trigonometry is {@link StrictMath}
 * (whose results the JLS fixes, unlike {@link Math}'s), and coordinates print with one decimal.
 */
public final class LockGraphSvg {
  private static final double RY = 17;
  private static final double PAD = 24;
  /** How far an arrow bows from the straight line, so that a -> b and b -> a both show. */
  private static final double BOW = 30;

  private LockGraphSvg() {}

  /**
   * The SVG element, or an empty string when the graph has no node.
   *
   * @param id a prefix unique in the page, for the arrow-head definitions (an HTML page has one
   *     id space, shared by all its inline SVGs)
   */
  public static String render(LockGraph g, String id) {
    if (g.nodes().isEmpty()) {
      return "";
    }
    Layout l = Layout.of(g);
    StringBuilder b = new StringBuilder();
    b.append("<svg class=\"lock-graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"")
        .append(Markup.num(l.width)).append("\" height=\"").append(Markup.num(l.height))
        .append("\" viewBox=\"0 0 ").append(Markup.num(l.width)).append(' ')
        .append(Markup.num(l.height)).append("\" role=\"img\" aria-label=\"lock-class graph\">\n");
    b.append("<defs>").append(arrowHead(id + "-arrow", "#555"))
        .append(arrowHead(id + "-arrow-cycle", Markup.CYCLE)).append("</defs>\n");
    for (LockGraph.Edge e : g.edges()) {
      int from = l.index.get(e.from());
      int to = l.index.get(e.to());
      b.append("<g class=\"edge").append(e.cycle() ? " cycle" : "").append("\"><title>")
          .append(Markup.esc(e.from() + " -> " + e.to() + (e.evidence().isEmpty() ? ""
              : "\n" + String.join("\n", e.evidence()))))
          .append("</title><path d=\"")
          .append(from == to ? loop(l.x[from], l.y[from], l.rx[from], l.cy)
              : curve(l.x[from], l.y[from], l.rx[from], l.x[to], l.y[to], l.rx[to]))
          .append("\" fill=\"none\" stroke=\"").append(e.cycle() ? Markup.CYCLE : "#555")
          .append("\" stroke-width=\"").append(e.cycle() ? "2.5" : "1.5")
          .append("\" marker-end=\"url(#").append(id).append(e.cycle() ? "-arrow-cycle" : "-arrow")
          .append(")\"/></g>\n");
    }
    List<String> inCycle = cycleNodes(g);
    for (int i = 0; i < g.nodes().size(); i++) {
      String name = g.nodes().get(i);
      boolean cyc = inCycle.contains(name);
      b.append("<g class=\"node").append(cyc ? " cycle" : "").append("\"><ellipse cx=\"")
          .append(Markup.num(l.x[i])).append("\" cy=\"").append(Markup.num(l.y[i]))
          .append("\" rx=\"").append(Markup.num(l.rx[i])).append("\" ry=\"").append(Markup.num(RY))
          .append("\" fill=\"#fff\" stroke=\"").append(cyc ? Markup.CYCLE : Markup.colour(i))
          .append("\" stroke-width=\"2\"/><text x=\"").append(Markup.num(l.x[i]))
          .append("\" y=\"").append(Markup.num(l.y[i] + 4)).append("\" text-anchor=\"middle\">")
          .append(Markup.esc(name)).append("</text></g>\n");
    }
    return b.append("</svg>").toString();
  }

  /** Where each node goes: on a circle (flattened a little), the drawing shifted to (PAD, PAD). */
  private static final class Layout {
    final double[] x;
    final double[] y;
    final double[] rx;
    final Map<String, Integer> index = new HashMap<>();
    double width;
    double height;
    /** The vertical centre of the circle, which self-loops point away from. */
    double cy;

    private Layout(int n) {
      x = new double[n];
      y = new double[n];
      rx = new double[n];
    }

    static Layout of(LockGraph g) {
      int n = g.nodes().size();
      Layout l = new Layout(n);
      double perimeter = 0;
      for (int i = 0; i < n; i++) {
        l.rx[i] = Math.max(30, g.nodes().get(i).length() * Markup.CHAR / 2 + 14);
        perimeter += 2 * l.rx[i] + 48;
        l.index.put(g.nodes().get(i), i);
      }
      double radius = n == 1 ? 0 : n == 2 ? Math.max(130, (l.rx[0] + l.rx[1]) / 2 + 80)
          : Math.max(100, perimeter / (2 * Math.PI));
      double start = n == 2 ? Math.PI : -Math.PI / 2;
      for (int i = 0; i < n; i++) {
        double a = start + 2 * Math.PI * i / n;
        l.x[i] = radius * StrictMath.cos(a);
        l.y[i] = radius * StrictMath.sin(a) * (n == 2 ? 1 : 0.8);
      }
      l.fit(g);
      return l;
    }

    /** Sizes the drawing to its nodes (and self-loops) and moves it into view. */
    private void fit(LockGraph g) {
      double minX = Double.MAX_VALUE;
      double maxX = -Double.MAX_VALUE;
      double minY = Double.MAX_VALUE;
      double maxY = -Double.MAX_VALUE;
      for (int i = 0; i < x.length; i++) {
        boolean loop = selfEdge(g, g.nodes().get(i)) != null;
        // A self-loop points away from the centre: room above the upper half, below the lower.
        minX = Math.min(minX, x[i] - rx[i]);
        maxX = Math.max(maxX, x[i] + rx[i]);
        minY = Math.min(minY, y[i] - RY - (loop && y[i] <= 0 ? 44 : 8));
        maxY = Math.max(maxY, y[i] + RY + (loop && y[i] > 0 ? 44 : 8));
      }
      width = maxX - minX + 2 * PAD;
      height = maxY - minY + 2 * PAD;
      for (int i = 0; i < x.length; i++) {
        x[i] += PAD - minX;
        y[i] += PAD - minY;
      }
      cy = PAD - minY;
    }
  }

  private static LockGraph.Edge selfEdge(LockGraph g, String node) {
    for (LockGraph.Edge e : g.edges()) {
      if (e.from().equals(node) && e.to().equals(node)) {
        return e;
      }
    }
    return null;
  }

  private static List<String> cycleNodes(LockGraph g) {
    List<String> out = new ArrayList<>();
    for (LockGraph.Edge e : g.edges()) {
      if (e.cycle()) {
        out.add(e.from());
        out.add(e.to());
      }
    }
    return out;
  }

  private static String arrowHead(String id, String colour) {
    return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"8\""
        + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\""
        + colour + "\"/></marker>";
  }

  /** A quadratic arrow from ellipse 1 to ellipse 2, bowed to the right of its direction. */
  private static String curve(double x1, double y1, double rx1, double x2, double y2, double rx2) {
    double mx = (x1 + x2) / 2;
    double my = (y1 + y2) / 2;
    double len = Math.max(1e-6, StrictMath.hypot(x2 - x1, y2 - y1));
    double qx = mx - (y2 - y1) / len * BOW;
    double qy = my + (x2 - x1) / len * BOW;
    double[] s = boundary(x1, y1, rx1, qx, qy);
    double[] t = boundary(x2, y2, rx2, qx, qy);
    return "M" + Markup.num(s[0]) + "," + Markup.num(s[1]) + " Q" + Markup.num(qx) + ","
        + Markup.num(qy) + " " + Markup.num(t[0]) + "," + Markup.num(t[1]);
  }

  /** A loop on one ellipse, pointing away from the centre of the drawing. */
  private static String loop(double x, double y, double rx, double cy) {
    double up = y <= cy ? -1 : 1;
    double sx = x - rx * 0.35;
    double ex = x + rx * 0.35;
    double sy = y + up * RY * 0.94;
    return "M" + Markup.num(sx) + "," + Markup.num(sy) + " C" + Markup.num(sx - 26) + ","
        + Markup.num(sy + up * 46) + " " + Markup.num(ex + 26) + "," + Markup.num(sy + up * 46) + " "
        + Markup.num(ex) + "," + Markup.num(sy);
  }

  /** Where the ray from the ellipse's centre towards (tx, ty) leaves the ellipse. */
  private static double[] boundary(double x, double y, double rx, double tx, double ty) {
    double ux = tx - x;
    double uy = ty - y;
    double k = 1 / Math.sqrt((ux * ux) / (rx * rx) + (uy * uy) / (RY * RY));
    return new double[] {x + ux * k, y + uy * k};
  }
}
