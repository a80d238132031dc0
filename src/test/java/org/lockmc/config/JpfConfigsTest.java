package org.lockmc.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.testing.TestModels;

/** {@code jpf-configs/} is exactly what {@code lockmc jpf --write-configs} writes. */
class JpfConfigsTest {
  private static final List<ModelDefinition> MODELS = TestModels.library("models");

  @Test
  void jpfConfigsMatchAFreshGeneration() throws IOException {
    Map<String, String> expected = JpfConfigs.renderAll(MODELS);
    TreeSet<String> present = new TreeSet<>();
    try (Stream<Path> s = Files.walk(Path.of(JpfConfigs.DIR))) {
      s.filter(p -> p.toString().endsWith(".jpf"))
          .forEach(p -> present.add(p.toString().replace(java.io.File.separatorChar, '/')));
    }
    assertEquals(new TreeSet<>(expected.keySet()), present,
        "jpf-configs/ is out of date: run 'lockmc jpf --write-configs'");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      assertEquals(e.getValue(), Files.readString(Path.of(e.getKey()), StandardCharsets.UTF_8),
          e.getKey() + " is out of date: run 'lockmc jpf --write-configs'");
    }
  }

  @Test
  void generationIsDeterministicAndHasNoAbsolutePath() {
    Map<String, String> first = JpfConfigs.renderAll(MODELS);
    assertEquals(first, JpfConfigs.renderAll(MODELS));
    String cwd = Path.of("").toAbsolutePath().toString();
    for (String text : first.values()) {
      assertFalse(text.contains(cwd), text);
      assertTrue(text.contains("classpath = ${config_path}/../../target/classes;"), text);
    }
  }

  @Test
  void everyGeneratedFileParsesBackToItsModel() {
    for (ModelDefinition m : MODELS) {
      JpfFile f = JpfFile.parse(JpfConfigs.render(m.name(), m.expect()), JpfConfigs.path(m.name()));
      assertEquals(m.name(), f.model());
      assertEquals(LockmcKeys.ALL.subList(0, 4), f.lockmcKeys());
    }
  }

  @Test
  void writeRemovesStaleFilesOnlyWhenAskedTo(@org.junit.jupiter.api.io.TempDir Path root)
      throws IOException {
    Path stale = root.resolve("jpf-configs/old/Gone.jpf");
    Files.createDirectories(stale.getParent());
    Files.writeString(stale, "x");
    Map<String, String> files = Map.of("jpf-configs/a/B.jpf", "text\n");
    assertEquals(0, JpfConfigs.write(root, files, false));
    assertTrue(Files.exists(stale));
    assertEquals(1, JpfConfigs.write(root, files, true));
    assertFalse(Files.exists(stale));
    assertEquals("text\n", Files.readString(root.resolve("jpf-configs/a/B.jpf")));
  }
}
