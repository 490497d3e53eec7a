package com.tutorme.video.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
  private final StaticFiles files = new StaticFiles(StaticFiles.WEB_CLIENT);

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
    int served = files.names().size();
    for (String missing : new String[] {"missing.js", "../pom.xml", "%2e%2e/x.js", ".hidden.js",
        "a".repeat(8_000) + ".js"}) {
      // Completed already: a miss is a map look-up, never a task for the blocking executor.
      assertThat(files.get(missing)).as(missing).isCompletedExceptionally();
      assertThat(files.get(missing).handle((file, failure) -> failure)
          .join()).isInstanceOf(ApiException.class).hasMessage("no such file");
    }
    assertThat(files.names()).hasSize(served);
  }

  @Test
  void theListNamesEveryFileOfTheWebClientAndAllAreServed() throws IOException {
    // The list is by hand (a class loader cannot list a directory): a file added to the
    // directory and not to files.txt would silently not be served.
    Path web = Path.of("..", "web-client", "src", "main", "resources")
        .resolve(StaticFiles.WEB_CLIENT);
    Set<String> inDirectory;
    try (Stream<Path> paths = Files.list(web)) {
      inDirectory = paths.map(path -> path.getFileName().toString())
          .filter(name -> !name.equals("files.txt")).collect(Collectors.toSet());
    }

    assertThat(files.names()).containsExactlyInAnyOrderElementsOf(inDirectory);
  }

  @Test
  void withoutTheWebClientNothingIsServedAndNothingFails() {
    StaticFiles none = new StaticFiles("no-such-root");

    assertThat(none.names()).isEmpty();
    assertThat(none.get("index.html")).isCompletedExceptionally();
  }
}
