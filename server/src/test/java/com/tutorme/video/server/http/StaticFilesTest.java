package com.tutorme.video.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StaticFilesTest {
  private final StaticFiles files = new StaticFiles("web");

  @Test
  void keepsTheFilesItServesAndForgetsTheNamesItDoesNot() {
    assertThat(files.get("lesson.html").contentType()).startsWith("text/html");
    for (int i = 0; i < 1_000; i++) {
      String missing = "missing-" + i + ".js";
      assertThatThrownBy(() -> files.get(missing)).isInstanceOf(ApiException.class)
          .hasMessage("no such file");
    }

    // Misses are named by whoever asks: kept, a stream of them would grow without bound.
    assertThat(files.cachedFiles()).isEqualTo(1);
    assertThat(files.get("lesson.html").bytes()).isNotEmpty();
  }
}
