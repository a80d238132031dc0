package org.lockmc.jpf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lockmc.engine.ModelError;

class JpfInstallationTest {
  @Test
  void withoutJpfHomeTheMessageSaysHowToInstallIt() {
    assertFalse(JpfInstallation.configured(Map.of()));
    ModelError e = assertThrows(ModelError.class, () -> JpfInstallation.find(Map.of()));
    assertEquals("JPF_HOME is not set; build jpf-core (java-17 branch) outside this repository"
        + " and point JPF_HOME at it (see README \"Java PathFinder\")", e.getMessage());
  }

  @Test
  void aJpfHomeWithoutItsBuildIsNamed(@TempDir Path home) {
    ModelError e = assertThrows(ModelError.class,
        () -> JpfInstallation.find(Map.of("JPF_HOME", home.toString())));
    assertEquals("JPF_HOME=" + home + " has no build/RunJPF.jar; build jpf-core there first (see"
        + " README \"Java PathFinder\")", e.getMessage());
  }

  @Test
  void jpfJavaMayNameAJdkFolder(@TempDir Path home) throws Exception {
    Files.createDirectories(home.resolve("build"));
    Files.writeString(home.resolve("build/RunJPF.jar"), "");
    Path jdk = Path.of(System.getProperty("java.home"));
    JpfInstallation i = JpfInstallation.find(Map.of("JPF_HOME", home.toString(),
        "JPF_JAVA", jdk.toString()));
    assertEquals(jdk.resolve("bin").resolve("java"), i.java());
    assertTrue(i.runJpf().endsWith(Path.of("build", "RunJPF.jar")));
  }

  @Test
  void theFeatureVersionIsReadFromTheReleaseFile(@TempDir Path jdk) throws Exception {
    Files.writeString(jdk.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"17.0.12\"\n");
    assertEquals("17", JpfInstallation.feature(jdk));
  }
}
