package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.protocol.Limits;
import com.tutorme.video.server.ws.MessageRate.Verdict;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageRateTest {
  private static final long MS = 1_000_000L;

  @Test
  void aBurstPassesThenOneWarningThenDropsThenTheClose() {
    MessageRate rate = new MessageRate(0);
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < Limits.MESSAGE_BURST * 2 + 1; i++) {
      verdicts.add(rate.next(0)); // all at once: nothing refills
    }

    assertThat(verdicts.subList(0, Limits.MESSAGE_BURST)).containsOnly(Verdict.PASS);
    assertThat(verdicts.get(Limits.MESSAGE_BURST)).isEqualTo(Verdict.WARN);
    assertThat(verdicts.subList(Limits.MESSAGE_BURST + 1, 2 * Limits.MESSAGE_BURST))
        .containsOnly(Verdict.DROP);
    assertThat(verdicts.get(2 * Limits.MESSAGE_BURST)).isEqualTo(Verdict.CLOSE);
  }

  @Test
  void aSteadyTwiceTheRateIsWarnedOnceAndClosedThoughEveryOtherMessagePasses() {
    MessageRate rate = new MessageRate(0);
    long gap = 1_000 * MS / (2L * Limits.MESSAGES_PER_SECOND);
    List<Verdict> verdicts = new ArrayList<>();
    for (long now = 0; !verdicts.contains(Verdict.CLOSE) && now < 60_000 * MS; now += gap) {
      verdicts.add(rate.next(now));
    }

    assertThat(verdicts).contains(Verdict.CLOSE);
    assertThat(verdicts.stream().filter(v -> v == Verdict.WARN)).hasSize(1);
  }

  @Test
  void aClientQuietLongEnoughToRefillItsBurstIsForgiven() {
    MessageRate rate = new MessageRate(0);
    for (int i = 0; i <= Limits.MESSAGE_BURST; i++) {
      rate.next(0);
    }
    long refilled = 1_000 * MS * Limits.MESSAGE_BURST / Limits.MESSAGES_PER_SECOND;

    for (int i = 0; i < Limits.MESSAGE_BURST; i++) {
      assertThat(rate.next(refilled)).isEqualTo(Verdict.PASS);
    }
    assertThat(rate.next(refilled)).isEqualTo(Verdict.WARN); // warned afresh, not closed
  }
}
