package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Work for a connection between event loops waits for it to arrive and then runs in the order
 * it was run on the loop, ahead of anything newer. (An embedded channel's loop is the test's
 * thread, so every call here is "on the loop".)
 */
class InTransitTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final List<String> ran = new ArrayList<>();

  @Test
  void workForAConnectionInTransitIsHeldUntilItArrivesThenRunInOrder() {
    InTransit transit = InTransit.depart(channel);
    assertThat(transit).isNotNull();
    assertThat(InTransit.isMoving(channel)).isTrue();
    assertThat(InTransit.depart(channel)).as("one move at a time").isNull();

    OnLoop.run(channel, () -> ran.add("first"), () -> ran.add("refused"));
    OnLoop.run(channel, () -> {
      ran.add("second");
      // Work that the held work sets off goes behind what was already held.
      OnLoop.run(channel, () -> ran.add("fourth"), () -> ran.add("refused"));
    }, () -> ran.add("refused"));
    OnLoop.run(channel, () -> ran.add("third"), () -> ran.add("refused"));
    assertThat(ran).isEmpty();

    transit.arrive(channel);
    assertThat(ran).containsExactly("first", "second", "third", "fourth");
    assertThat(InTransit.isMoving(channel)).isFalse();

    OnLoop.run(channel, () -> ran.add("after"), () -> ran.add("refused"));
    assertThat(ran).endsWith("after");
    assertThat(InTransit.depart(channel)).as("free to move again").isNotNull();
  }

  @Test
  void workForAConnectionThatIsNotMovingRunsAtOnce() {
    OnLoop.run(channel, () -> ran.add("now"), () -> ran.add("refused"));
    assertThat(ran).containsExactly("now");
    assertThat(InTransit.isMoving(channel)).isFalse();
  }
}
