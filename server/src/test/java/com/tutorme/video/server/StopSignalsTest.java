package com.tutorme.video.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StopSignalsTest {

  @Test
  void aStopDuringStartUpStopsOnceUpWithoutExiting() throws Exception {
    CompletableFuture<Integer> exited = new CompletableFuture<>();
    StopSignals signals = new StopSignals(Duration.ofMillis(200), exited::complete);

    signals.signalled(StopSignals.EXIT_TERM);
    signals.started();
    signals.await(); // returns: the stop asked for during start-up stands

    assertThat(exited.completeOnTimeout(-1, 1, TimeUnit.SECONDS).get()).isEqualTo(-1);
  }

  @Test
  void aStartUpStillGoingAfterTheGraceExits143() throws Exception {
    CompletableFuture<Integer> exited = new CompletableFuture<>();
    StopSignals signals = new StopSignals(Duration.ofMillis(200), exited::complete);

    signals.signalled(StopSignals.EXIT_TERM);

    assertThat(exited.get(10, TimeUnit.SECONDS)).isEqualTo(StopSignals.EXIT_TERM);
  }

  @Test
  void aSecondSignalExitsAtOnce() throws Exception {
    CompletableFuture<Integer> exited = new CompletableFuture<>();
    StopSignals signals = new StopSignals(Duration.ofHours(1), exited::complete);
    signals.started();

    signals.signalled(StopSignals.EXIT_INT);
    assertThat(exited).isNotDone();
    signals.signalled(StopSignals.EXIT_INT);

    assertThat(exited.get(1, TimeUnit.SECONDS)).isEqualTo(StopSignals.EXIT_INT);
  }
}
