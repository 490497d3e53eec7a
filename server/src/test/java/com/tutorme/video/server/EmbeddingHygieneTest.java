package com.tutorme.video.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What the library's own jar must not bring into an application that embeds the server. */
class EmbeddingHygieneTest {
  /** Maven's output for the library jar, which the runnable jar and the tests only add to. */
  private static final Path LIBRARY_CLASSES = Path.of("target", "classes");

  @Test
  void theLibraryCarriesNoLoggingConfiguration() {
    // The first logback.xml on the classpath configures the whole application's logging:
    // ours belongs to the runnable jar (src/dist), not to whoever embeds us.
    assertThat(LIBRARY_CLASSES.resolve("com")).isDirectory();
    assertThat(LIBRARY_CLASSES.resolve("logback.xml")).doesNotExist();
    assertThat(LIBRARY_CLASSES.resolve("logback-test.xml")).doesNotExist();
  }

  @Test
  void theRunnableJarAndTheTestsLogByTheSameFile() throws Exception {
    try (InputStream in =
        EmbeddingHygieneTest.class.getClassLoader().getResourceAsStream("logback.xml")) {
      assertThat(in).isNotNull();
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo(Files.readString(Path.of("src", "dist", "logback.xml")));
    }
  }
}
