package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.lockmc.check.Checker;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.testing.TestModels;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The JUnit XML report: well-formed, one test case per model, failures with the interleaving. */
class JunitXmlTest {
  @Test
  void oneCasePerModelAndAFailureWithTheCounterexampleForAnUnexpectedResult() throws Exception {
    List<ModelReport> reports = new ArrayList<>();
    for (ModelDefinition m : TestModels.library("basics")) {
      reports.add(ModelReport.of(Checker.check(m, ExplorerConfig.DEFAULTS)));
    }
    ModelDefinition wrong = TestModels.compile("w.Wrong", TestModels.header("w")
        + "@LockModel(expect = Verdict.SAFE)\npublic class Wrong {\n"
        + "  final Mutex a = new Mutex(\"a<&>\"); final Mutex b = new Mutex(\"b\");\n"
        + "  @Task void x() { a.lock(); b.lock(); b.unlock(); a.unlock(); }\n"
        + "  @Task void y() { b.lock(); a.lock(); a.unlock(); b.unlock(); }\n}\n");
    reports.add(ModelReport.of(Checker.check(wrong, ExplorerConfig.DEFAULTS)));
    String xml = JunitXml.render(reports);
    assertEquals(xml, JunitXml.render(reports), "deterministic");

    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    Element suite = (Element) doc.getElementsByTagName("testsuite").item(0);
    String total = Integer.toString(reports.size());
    assertEquals(total, suite.getAttribute("tests"));
    assertEquals("1", suite.getAttribute("failures"));
    NodeList cases = doc.getElementsByTagName("testcase");
    assertEquals(reports.size(), cases.getLength());
    Element first = (Element) cases.item(0);
    assertEquals("basics", first.getAttribute("classname"));
    assertEquals("AbbaDeadlock", first.getAttribute("name"));
    assertEquals("models/basics/AbbaDeadlock.java", first.getAttribute("file"));
    NodeList failures = doc.getElementsByTagName("failure");
    assertEquals(1, failures.getLength());
    Element f = (Element) failures.item(0);
    assertEquals("DEADLOCK but the model expects SAFE", f.getAttribute("message"));
    assertTrue(f.getTextContent().contains("[blocked: mutex b held by y]"), f.getTextContent());
    assertTrue(f.getTextContent().contains("mutex_lock(a<&>)"), "escaped and read back");
  }
}
