package org.lockmc.report;

import java.util.List;

/**
 * Renders a JUnit XML report ({@code --junit FILE}) for CI systems that read test results in that
 * format but do not run lockmc through {@code mvn test}: one test suite, one test case per model
 * (class name = the model's package, name = its simple name), a {@code <failure>} with the
 * counterexamples when the result differs from the expectation.
 *
 * <p>Deterministic: no timestamps, host names or durations (the format makes them optional).
 */
public final class JunitXml {
  private JunitXml() {}

  /** The report of {@code reports}. */
  public static String render(List<ModelReport> reports) {
    int failures = 0;
    for (ModelReport r : reports) {
      if (!r.asExpected()) {
        failures++;
      }
    }
    StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    b.append("<testsuites name=\"lockmc\" tests=\"").append(reports.size()).append("\" failures=\"")
        .append(failures).append("\">\n<testsuite name=\"lockmc\" tests=\"").append(reports.size())
        .append("\" failures=\"").append(failures).append("\" errors=\"0\" skipped=\"0\">\n");
    for (ModelReport r : reports) {
      String name = r.name();
      int dot = name.lastIndexOf('.');
      b.append("  <testcase classname=\"").append(Markup.esc(dot < 0 ? "" : name.substring(0, dot)))
          .append("\" name=\"").append(Markup.esc(name.substring(dot + 1))).append('"');
      if (r.model().sourceFile() != null) {
        b.append(" file=\"").append(Markup.esc(r.model().sourceFile())).append('"');
      }
      if (r.asExpected()) {
        b.append("/>\n");
        continue;
      }
      b.append(">\n    <failure message=\"").append(Markup.esc(r.result().verdict()
          + " but the model expects " + SummaryJson.expected(r.model())))
          .append("\" type=\"unexpected-result\">").append(Markup.esc(details(r)))
          .append("</failure>\n  </testcase>\n");
    }
    return b.append("</testsuite>\n</testsuites>\n").toString();
  }

  private static String details(ModelReport r) {
    StringBuilder b = new StringBuilder(TraceReport.header(r));
    for (int i = 0; i < r.witnesses().size(); i++) {
      b.append('\n').append(TraceReport.section(r.witnesses().get(i), null)).append('\n')
          .append(r.schedule(i));
    }
    // XML 1.0 cannot carry most control characters even escaped; a model's message might.
    return b.toString().replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F]", "?");
  }
}
