package com.tutorme.video.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's hand-written encoding must be byte for byte what databind writes. */
class RelayedMessageWriterTest {
  private static final List<String> TEXTS = Arrays.asList(null, "", "v=0\r\no=- 46117 2 IN IP4",
      "tab\tnul\u0000unit\u001fdel\u007f", "\"quoted\" and \\back\\slash/", "</script>&<>'",
      "é 漢字 😀 \u2028\u2029", "x".repeat(3000));
  private static final List<Sender> SENDERS = Arrays.asList(
      new Sender("Qm1xYz9a8b7c", "demo-student", "student"), new Sender("p", "ü\"", null),
      null);

  @Test
  void everyRelayedMessageIsWrittenExactlyAsDatabindWritesIt() throws Exception {
    List<ServerMessage> messages = new ArrayList<>();
    for (Sender from : SENDERS) {
      for (String text : TEXTS) {
        messages.add(new ServerMessage.Offer(text, from));
        messages.add(new ServerMessage.Answer(text, from));
        messages.add(new ServerMessage.Chat(text, from, text == null ? null
            : "2026-12-01T06:00:00.123456Z"));
        messages.add(new ServerMessage.IceCandidate(text == null ? null
            : new ClientMessage.Candidate(clip(text, 2048), text.isEmpty() ? null
                : clip(text, 64), text.isEmpty() ? null : text.length() % 1024,
                text.length() > 5 ? clip(text, 256) : null), from));
      }
      for (int bits = 0; bits < 8; bits++) {
        messages.add(new ServerMessage.MediaState((bits & 1) != 0, (bits & 2) != 0,
            (bits & 4) != 0, from));
      }
    }

    for (ServerMessage message : messages) {
      assertThat(SignalingCodec.encode(message)).as("%s", message)
          .isEqualTo(SignalingCodec.encodeWithDatabind(message));
    }
  }

  private static String clip(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  @Test
  void otherMessagesAreLeftToDatabind() throws Exception {
    ServerMessage pong = new ServerMessage.Pong("7");

    assertThat(RelayedMessageWriter.write(pong, SignalingCodec.mapper().createGenerator(
        new java.io.ByteArrayOutputStream()))).isFalse();
    assertThat(SignalingCodec.encode(pong)).isEqualTo(SignalingCodec.encodeWithDatabind(pong));
  }
}
