package com.tutorme.video.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;

class LatencyWindowTest {
  @Test
  void theWholeWindowHoldsWhatEachLineTookAndWhatCameAfter() {
    Recorder recorder = new Recorder(3);
    recorder.recordValue(99_000); // before the window: not in it
    List<String> said = new CopyOnWriteArrayList<>();
    LatencyWindow window = new LatencyWindow(recorder, 1, said::add, "relay");
    Histogram whole;
    try {
      for (int i = 1; i <= 100; i++) {
        recorder.recordValue(1_000); // 1 ms
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> !said.isEmpty());
      recorder.recordValue(40_000);
    } finally {
      whole = window.close(); // its thread stops even if the wait failed
    }
    int lines = said.size();
    recorder.recordValue(1_000); // after it closed: not in it

    assertThat(whole.getTotalCount()).isEqualTo(101);
    assertThat(whole.getMaxValueAsDouble()).isBetween(39_000.0, 41_000.0);
    assertThat(said.get(0)).matches("relay: +\\d+\\.\\d s +\\d+ msg/s  p50 1\\.00  p99 1\\.00"
        + "  max 1\\.00 ms");
    await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
        .until(() -> said.size() == lines); // no line once closed
  }

  @Test
  void withoutATimelineItSaysNothing() {
    Recorder recorder = new Recorder(3);
    List<String> said = new CopyOnWriteArrayList<>();
    LatencyWindow window = new LatencyWindow(recorder, 0, said::add, "relay");
    recorder.recordValue(2_000);

    assertThat(window.close().getTotalCount()).isEqualTo(1);
    assertThat(said).isEmpty();
  }
}
