package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Work for a connection moving between event loops waits for it to arrive and then runs in the
 * order handed over, ahead of anything newer. (An embedded channel's loop is the test's
 * thread, so every call here is "on the loop"; OutboxAcrossLoopsTest hands work over from
 * another thread to real loops.)
 */
class OutboxTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final Outbox outbox = Outbox.attach(channel);
  private final List<String> ran = new ArrayList<>();

  @Test
  void workForAMovingConnectionWaitsUntilItArrivesThenRunsInOrder() {
    outbox.depart();
    assertThat(outbox.isHere()).isFalse();
    OnLoop.run(channel, () -> ran.add("first"), () -> ran.add("refused"));
    outbox.run(() -> {
      ran.add("second");
      // Work that waiting work hands over goes behind what already waits.
      outbox.run(() -> ran.add("fourth"), () -> ran.add("refused"));
    }, () -> ran.add("refused"));
    outbox.run(() -> ran.add("third"), () -> ran.add("refused"));
    assertThat(ran).isEmpty();

    outbox.arrive();
    assertThat(ran).containsExactly("first", "second", "third", "fourth");
    assertThat(outbox.isHere()).isTrue();
    outbox.run(() -> ran.add("after"), () -> ran.add("refused"));
    assertThat(ran).endsWith("after");
  }

  @Test
  void workThatStartsAMoveHoldsBackWhatFollowsIt() {
    outbox.depart();
    outbox.run(() -> ran.add("before"), () -> ran.add("refused"));
    outbox.run(outbox::depart, () -> ran.add("refused")); // as a balancer's move would
    outbox.run(() -> ran.add("after the second move"), () -> ran.add("refused"));

    outbox.arrive();
    assertThat(ran).containsExactly("before");
    outbox.arrive();
    assertThat(ran).containsExactly("before", "after the second move");
  }

  @Test
  void workForAConnectionThatIsNotMovingRunsAtOnce() {
    assertThat(outbox.isHere()).isTrue();
    OnLoop.run(channel, () -> ran.add("now"), () -> ran.add("refused"));
    assertThat(ran).containsExactly("now");
    assertThat(Outbox.of(channel)).isSameAs(outbox);
  }
}
