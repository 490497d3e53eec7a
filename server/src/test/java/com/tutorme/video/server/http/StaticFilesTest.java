package com.tutorme.video.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
  private final StaticFiles files = new StaticFiles("web");

  @Test
  void servesTheWebClientsFilesFromMemory() {
    StaticFiles.StaticFile page = files.get("lesson.html").join();
    StaticFiles.StaticFile module = files.get("classroom.js").join();

    assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
    assertThat(new String(page.bytes(), StandardCharsets.UTF_8))
        .contains("<html");
    assertThat(module.contentType()).startsWith("text/javascript");
  }

  @Test
  void anyOtherNameIsNotFoundAtOnceAndNothingIsKeptForIt() {
    int served = files.fileCount();
    for (String missing : new String[] {"missing.js", "../pom.xml", "%2e%2e/x.js", ".hidden.js",
        "a".repeat(8_000) + ".js"}) {
      // Completed already: a miss is a map look-up, never a task for the blocking executor.
      assertThat(files.get(missing)).as(missing).isCompletedExceptionally();
      assertThat(files.get(missing).handle((file, failure) -> failure)
          .join()).isInstanceOf(ApiException.class).hasMessage("no such file");
    }
    assertThat(files.fileCount()).isEqualTo(served);
  }
}
