package org.lockmc;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.lockmc.check.Instrumentation;
import org.lockmc.check.ModelLocator;
import org.lockmc.engine.ModelDefinition;
import org.lockmc.junit.LockmcAssertions;

/**
 * The regression suite for locking designs: every model under {@code models/} is checked with
 * its expected result, through the same assertion API users call from their own suites. A model
 * without an expectation, or one that does not load, fails the suite (it is never skipped).
 */
class ModelLibraryTest {
  static Stream<ModelDefinition> models() {
    List<ModelDefinition> all = new ModelLocator(Path.of(""), Path.of("models"), List.of(),
        Instrumentation.transformer()).locate("models");
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void resultIsAsTheModelExpects(ModelDefinition model) {
    LockmcAssertions.assertExpected(model);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void reportsCanLocateTheModelSource(ModelDefinition model) {
    assertNotNull(model.sourceFile(), model.name());
    assertFalse(Path.of(model.sourceFile()).isAbsolute(), model.sourceFile());
  }

  @Test
  void theLibraryIsNotEmpty() {
    assertFalse(models().findAny().isEmpty(), "no model under models/");
  }
}
