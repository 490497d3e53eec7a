package com.tutorme.video.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RelayResultTest {

  /** A stalled server: everything sent, nothing back; no latency is not a latency of 0. */
  @Test
  void aWindowThatDeliveredNothingHasNoLatenciesAndSaysSo() {
    RelayResult stalled = new RelayResult(20, 400, 4, 1600, 0, 0, null, -1, -1, 512_000, 0, 2,
        4242, 0, 0, 0, null);

    assertThat(stalled.problems()).containsExactly(
        "nothing was delivered: the server is not relaying (stalled?)");
    assertThat(stalled.asJson()).containsEntry("latencyMs", null)
        .containsEntry("lost", 1600L).containsEntry("serverCpuMsPer1000", null);
    assertThat(stalled.summary()).contains("latency ms  none: nothing was delivered")
        .contains("server      n/a (nothing delivered) ms CPU");
    assertThat(RampScenario.holds(stalled)).isFalse();
  }
}
