package com.tutorme.video.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The relay's hand-written encodings must be byte for byte what databind writes. */
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
      String databind = SignalingCodec.encodeWithDatabind(message);
      assertThat(SignalingCodec.encode(message)).as("%s", message).isEqualTo(databind);
      // The generator path too, which the codec skips for a plain ASCII candidate.
      assertThat(throughGenerator(message)).as("%s", message).isEqualTo(databind);
    }
  }

  @Test
  void aPlainAsciiCandidateIsWrittenWithoutAGenerator() throws Exception {
    Sender from = new Sender("Qm1xYz9a8b7c", "demo-student", "student");
    List<ServerMessage.IceCandidate> plain = List.of(
        new ServerMessage.IceCandidate(new ClientMessage.Candidate("candidate:842163049 1 udp "
            + "1677729535 203.0.113.7 46154 typ srflx raddr 10.0.0.4 rport 46154 generation 0 "
            + "ufrag EsAw network-cost 999", "0", 0, "EsAw"), from),
        new ServerMessage.IceCandidate(new ClientMessage.Candidate(
            "</script>&<>'/ ~!", null, 1023, null), null),
        new ServerMessage.IceCandidate(new ClientMessage.Candidate("", "", 10, ""), from),
        new ServerMessage.IceCandidate(null, from),
        new ServerMessage.IceCandidate(null, null));

    for (ServerMessage.IceCandidate message : plain) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(AsciiCandidateWriter.write(message, out)).as("%s", message).isTrue();
      assertThat(out.toString(StandardCharsets.UTF_8)).as("%s", message)
          .isEqualTo(SignalingCodec.encodeWithDatabind(message));
    }
  }

  @Test
  void aCandidateThatNeedsEscapingOrIsTooLongIsLeftToTheGenerator() throws Exception {
    Sender from = new Sender("p", "u", "tutor");
    List<ServerMessage.IceCandidate> declined = new ArrayList<>();
    for (String text : List.of("say \"hi\"", "back\\slash", "tab\t", "nul\u0000",
        "del\u007f", "é", "😀", "\u2028")) {
      declined.add(new ServerMessage.IceCandidate(
          new ClientMessage.Candidate(text, "0", 0, null), from));
      declined.add(new ServerMessage.IceCandidate(
          new ClientMessage.Candidate("c", text, 0, "u"), from));
      declined.add(new ServerMessage.IceCandidate(
          new ClientMessage.Candidate("c", "0", 0, text), from));
      declined.add(new ServerMessage.IceCandidate(
          new ClientMessage.Candidate("c", "0", 0, "u"), new Sender("p", text, "tutor")));
    }
    declined.add(new ServerMessage.IceCandidate(new ClientMessage.Candidate("c", "0", 0, "u"),
        new Sender("p", "u".repeat(5000), "tutor"))); // more than the scratch array holds

    for (ServerMessage.IceCandidate message : declined) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThat(AsciiCandidateWriter.write(message, out)).as("%s", message).isFalse();
      assertThat(out.size()).isZero();
      assertThat(SignalingCodec.encode(message)).as("%s", message)
          .isEqualTo(SignalingCodec.encodeWithDatabind(message));
    }
  }

  private static String throughGenerator(ServerMessage message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = SignalingCodec.mapper().createGenerator(out)) {
      assertThat(RelayedMessageWriter.write(message, generator)).isTrue();
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String clip(String text, int max) {
    return text.length() > max ? text.substring(0, max) : text;
  }

  @Test
  void otherMessagesAreLeftToDatabind() throws Exception {
    ServerMessage pong = new ServerMessage.Pong("7");

    assertThat(RelayedMessageWriter.write(pong, SignalingCodec.mapper().createGenerator(
        new ByteArrayOutputStream()))).isFalse();
    assertThat(SignalingCodec.encode(pong)).isEqualTo(SignalingCodec.encodeWithDatabind(pong));
  }
}
