package org.lockmc.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockmc.check.Checker;
import org.lockmc.engine.ExplorerConfig;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.testing.TestModels;

/**
 * The SARIF log validates against the SARIF 2.1.0 schema (the OASIS copy with its errata, in
 * test resources) and puts each result at the model line of the blocking acquisition.
 */
class SarifReportTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @TempDir Path tmp;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in = SarifReportTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
    }
  }

  private static List<ModelReport> reports(List<ModelDefinition> models) {
    List<ModelReport> out = new ArrayList<>();
    for (ModelDefinition m : models) {
      out.add(ModelReport.of(Checker.check(m, ExplorerConfig.DEFAULTS)));
    }
    return out;
  }

  private static Set<ValidationMessage> validate(JsonNode log) {
    return schema.validate(log);
  }

  @Test
  void theLogOfTheBasicsIsValidSarifWithOneResultPerDeadlock() throws IOException {
    List<ModelDefinition> basics = TestModels.library("basics");
    String text = SarifReport.render(reports(basics), "0.1.0");
    JsonNode log = JSON.readTree(text);
    assertEquals(Set.of(), validate(log));
    JsonNode results = log.get("runs").get(0).get("results");
    int deadlocks = 0;
    for (JsonNode r : results) {
      assertEquals("lockmc/deadlock", r.get("ruleId").asText(), "basics are all as expected");
      assertEquals("warning", r.get("level").asText(), "an expected deadlock is a warning");
      deadlocks++;
    }
    long expectedDeadlocks = basics.stream()
        .filter(m -> m.expect().contains(org.lockmc.model.Verdict.DEADLOCK)).count();
    assertEquals(expectedDeadlocks, deadlocks, text);
    JsonNode abba = null;
    for (JsonNode r : results) {
      if (r.get("properties").get("model").asText().equals("basics.AbbaDeadlock")) {
        abba = r;
      }
    }
    JsonNode loc = abba.get("locations").get(0).get("physicalLocation");
    assertEquals("models/basics/AbbaDeadlock.java", loc.get("artifactLocation").get("uri").asText());
    assertEquals(25, loc.get("region").get("startLine").asInt(), "A blocks in b.lock() on line 25");
    assertEquals(2, abba.get("relatedLocations").size());
    assertEquals(2, abba.get("codeFlows").get(0).get("threadFlows").size(), "one per task");
  }

  @Test
  void anUnexpectedResultIsAnErrorAtTheModel() throws IOException {
    Path f = tmp.resolve("Wrong.java");
    Files.writeString(f, TestModels.header("w") + "@LockModel(expect = Verdict.SAFE)\n"
        + "public class Wrong {\n"
        + "  final Mutex a = new Mutex(\"a\"); final Mutex b = new Mutex(\"b\");\n"
        + "  @Task void x() { a.lock(); b.lock(); b.unlock(); a.unlock(); }\n"
        + "  @Task void y() { b.lock(); a.lock(); a.unlock(); b.unlock(); }\n}\n");
    List<ModelDefinition> models = new org.lockmc.check.ModelLocator(tmp, tmp, List.of(),
        org.lockmc.check.Instrumentation.transformer()).locate("Wrong.java");
    JsonNode log = JSON.readTree(SarifReport.render(reports(models), "0.1.0"));
    assertEquals(Set.of(), validate(log));
    JsonNode results = log.get("runs").get(0).get("results");
    assertEquals(2, results.size());
    assertEquals("lockmc/unexpected-result", results.get(0).get("ruleId").asText());
    assertEquals("error", results.get(0).get("level").asText());
    assertTrue(results.get(0).get("message").get("text").asText()
        .startsWith("w.Wrong: the result is DEADLOCK but the model expects SAFE."));
    assertEquals("Wrong.java", results.get(0).get("locations").get(0).get("physicalLocation")
        .get("artifactLocation").get("uri").asText());
    assertEquals("error", results.get(1).get("level").asText(), "an unexpected deadlock is an error");
  }

  @Test
  void theValidatorRejectsAnInvalidLog() throws IOException {
    ObjectNode log = (ObjectNode) JSON.readTree(SarifReport.render(
        reports(TestModels.library("basics.AbbaDeadlock")), "0.1.0"));
    ObjectNode result = (ObjectNode) log.get("runs").get(0).get("results").get(0);
    result.put("level", "fatal");
    assertFalse(validate(log).isEmpty(), "a level SARIF does not define must fail validation");
    log.remove("version");
    assertFalse(validate(log).isEmpty());
  }
}
