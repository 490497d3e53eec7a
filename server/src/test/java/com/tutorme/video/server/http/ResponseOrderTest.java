package com.tutorme.video.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseOrderTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final ResponseOrder order = ResponseOrder.of(channel);
  private final List<String> written = new ArrayList<>();

  @Test
  void answersGoOutInTheOrderOfTheirRequestsWhateverOrderTheyAreReadyIn() {
    ResponseOrder.Turn first = order.next();
    ResponseOrder.Turn second = order.next();
    ResponseOrder.Turn third = order.next();

    third.ready(channel.eventLoop(), () -> written.add("third"));
    assertThat(written).isEmpty(); // two ahead of it
    first.ready(channel.eventLoop(), () -> written.add("first"));
    assertThat(written).containsExactly("first");
    second.ready(channel.eventLoop(), () -> written.add("second"));

    assertThat(written).containsExactly("first", "second", "third");
    assertThat(ResponseOrder.of(channel)).isSameAs(order); // one line per connection
  }

  @Test
  void anAnswerThatFailsDoesNotHoldUpTheOnesBehindIt() {
    ResponseOrder.Turn first = order.next();
    ResponseOrder.Turn second = order.next();

    second.ready(channel.eventLoop(), () -> written.add("second"));
    first.ready(channel.eventLoop(), () -> {
      throw new IllegalStateException("the write failed");
    });

    assertThat(written).containsExactly("second");
  }
}
