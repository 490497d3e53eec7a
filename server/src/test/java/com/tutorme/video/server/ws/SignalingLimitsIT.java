package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.Limits;
import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.VideoSession;
import java.io.IOException;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad input, floods and stalled readers: each gets its documented answer, others unharmed. */
class SignalingLimitsIT {
  static ApiServer api;
  /** A healthy lesson in another room, checked after each abuse. */
  static WsClient bystanderA;
  static WsClient bystanderB;

  @BeforeAll
  static void start() throws InterruptedException {
    api = ApiServer.start(config -> config.withSignaling(
        new SignalingSettings(2, 200, 8, true, 2_000, 10_000)));
    VideoSession other = session("calm-student", "calm-tutor");
    bystanderA = WsClient.connect(api.server.port(), api.token("calm-student", "student"));
    bystanderB = WsClient.connect(api.server.port(), api.token("calm-tutor", "tutor"));
    bystanderA.join(other.sessionToken());
    bystanderB.join(other.sessionToken());
    bystanderA.next("user-joined");
  }

  @AfterAll
  static void stop() {
    bystanderA.close();
    bystanderB.close();
    api.close();
  }

  static VideoSession session(String student, String tutor) {
    return api.booking("b-" + UUID.randomUUID(), student, tutor, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
  }

  static void assertTheOtherRoomStillWorks() {
    String text = "still here " + UUID.randomUUID();
    bystanderA.send("{\"type\":\"chat\",\"text\":\"" + text + "\"}");
    assertThat(bystanderB.awaitType("chat").get("text").asText()).isEqualTo(text);
  }

  WsClient connect(String user) {
    return WsClient.connect(api.server.port(), api.token(user, "student"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "malformed JSON       | {\"type\":                    | INVALID_MESSAGE",
      "not an object        | [\"offer\"]                   | INVALID_MESSAGE",
      "unknown type         | {\"type\":\"warp\",\"id\":\"w\"} | INVALID_MESSAGE",
      "missing field        | {\"type\":\"join-session\"}   | INVALID_MESSAGE",
      "wrong field type     | {\"type\":\"chat\",\"text\":7} | INVALID_MESSAGE",
      "deep nesting         | {\"type\":\"chat\",\"text\":\"x\",\"a\":[[[[[[[[[[[[]]]]]]]]]]]]} | INVALID_MESSAGE",
      "a field twice        | {\"type\":\"join-session\",\"sessionToken\":\"a\",\"sessionToken\":\"b\"} | INVALID_MESSAGE",
      "a relayed field twice | {\"type\":\"offer\",\"sdp\":\"v=0\",\"sdp\":\"v=1\"} | INVALID_MESSAGE",
      "relay before join    | {\"type\":\"chat\",\"text\":\"hi\"} | NOT_JOINED",
  })
  void badMessagesGetAnErrorAndTheConnectionLives(String name, String frame, String code) {
    try (WsClient client = connect("bad-" + UUID.randomUUID())) {
      client.send(frame);
      JsonNode error = client.next("error");

      assertThat(error.get("code").asText()).isEqualTo(code);
      assertThat(error.get("message").asText()).isNotBlank().doesNotContain("Exception");
      client.send("{\"type\":\"ping\",\"id\":\"alive\"}");
      assertThat(client.next("pong").get("ref").asText()).isEqualTo("alive");
    }
    assertTheOtherRoomStillWorks();
  }

  /**
   * Frames within 64 KiB that would cost the loop far more than they carry (thousands of
   * fields), or leave long names in the parser's shared table, are refused unread.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "thousands of fields | 3000  | 1  | more than 256 JSON tokens",
      "a long field name   | 1     | 10000 | field name longer than 64 bytes",
  })
  void costlyFramesAreRefusedNamingTheBound(String name, int fields, int nameLength,
      String message) {
    StringBuilder frame = new StringBuilder("{\"type\":\"ping\",\"id\":\"costly\"");
    for (int i = 0; i < fields; i++) {
      frame.append(",\"").append("n".repeat(nameLength)).append(i).append("\":").append(i);
    }
    try (WsClient client = connect("costly-" + UUID.randomUUID())) {
      client.send(frame.append('}').toString());
      JsonNode error = client.next("error");

      assertThat(error.get("code").asText()).isEqualTo("INVALID_MESSAGE");
      assertThat(error.get("message").asText()).contains(message);
      client.send("{\"type\":\"ping\",\"id\":\"alive\"}");
      assertThat(client.next("pong").get("ref").asText()).isEqualTo("alive");
    }
    assertTheOtherRoomStillWorks();
  }

  @Test
  void theRefOfABadMessageIsEchoed() {
    try (WsClient client = connect("ref-" + UUID.randomUUID())) {
      client.send("{\"type\":\"warp\",\"id\":\"w-1\"}");
      assertThat(client.next("error").get("ref").asText()).isEqualTo("w-1");
    }
  }

  @Test
  void aUserMayHoldOnlySoManySockets() {
    String user = "hoarder-" + UUID.randomUUID();
    String token = api.token(user, "student");
    java.util.List<WsClient> open = new java.util.ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        open.add(WsClient.connect(api.server.port(), token));
      }
      assertThat(WsClient.upgradeStatus(api.server.port(), "?access_token=" + token, null))
          .isEqualTo(429);
      open.remove(0).close();
      await().atMost(Duration.ofSeconds(5)).until(() -> WsClient.upgradeStatus(
          api.server.port(), "?access_token=" + token, null) == 101);
    } finally {
      open.forEach(WsClient::close);
    }
  }

  /** A ping whose id holds an encoded surrogate (ED A0 80): well-formed JSON, not UTF-8. */
  private static final byte[] NOT_UTF8 = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', 'p', 'i',
      'n', 'g', '"', ',', '"', 'i', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
      '"', '}'};

  @Test
  void aTextMessageThatIsNotUtf8ClosesWith1007() throws IOException {
    String user = "bad-utf8-" + UUID.randomUUID();
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token(user, "student"))) {
      client.sendFrame(true, 0x1, NOT_UTF8);

      assertThat(client.readCloseCode()).isEqualTo(CloseCode.INVALID_PAYLOAD.code());
    }
    assertTheOtherRoomStillWorks();
  }

  @Test
  void notUtf8IsRefusedEvenFromAClientOverItsRateLimit() throws IOException {
    String user = "bad-utf8-flood-" + UUID.randomUUID();
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token(user, "student"))) {
      // Fifty over the burst: rate-limited (the bucket refills one a 20 ms), not yet closed.
      for (int i = 0; i < Limits.MESSAGE_BURST + 50; i++) {
        client.sendText("{\"type\":\"ping\"}");
      }
      client.sendFrame(true, 0x1, NOT_UTF8);

      assertThat(client.readCloseCode()).isEqualTo(CloseCode.INVALID_PAYLOAD.code());
    }
  }

  @Test
  void aCharacterSplitAcrossFragmentsIsWhole() throws IOException {
    String user = "fragments-" + UUID.randomUUID();
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token(user, "student"))) {
      byte[] ping = "{\"type\":\"ping\",\"id\":\"é\"}".getBytes(StandardCharsets.UTF_8);
      int split = indexOf(ping, (byte) 0xC3) + 1; // between the two bytes of é

      client.sendFrame(false, 0x1, Arrays.copyOfRange(ping, 0, split));
      client.sendFrame(true, 0x0, Arrays.copyOfRange(ping, split, ping.length));

      assertThat(client.readText()).isEqualTo("{\"type\":\"pong\",\"ref\":\"é\"}");
    }
  }

  @Test
  void aMessageWhoseFragmentsAddUpToTooMuchClosesWith1009() throws IOException {
    String user = "big-fragments-" + UUID.randomUUID();
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token(user, "student"))) {
      byte[] half = new byte[Limits.MAX_FRAME_BYTES / 2 + 1];
      Arrays.fill(half, (byte) 'x');

      client.sendFrame(false, 0x1, half);
      client.sendFrame(false, 0x0, half); // each within the frame limit, together over it

      assertThat(client.readCloseCode()).isEqualTo(CloseCode.MESSAGE_TOO_BIG.code());
    }
    assertTheOtherRoomStillWorks();
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void aBinaryFrameClosesWith1003() {
    try (WsClient client = connect("bin-" + UUID.randomUUID())) {
      client.sendBinary(new byte[] {1, 2, 3});
      assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1003);
    }
    assertTheOtherRoomStillWorks();
  }

  @Test
  void anOversizedFrameClosesWith1009() {
    long before = api.server.signalingStats().closes(CloseCode.MESSAGE_TOO_BIG);
    try (WsClient client = connect("big-" + UUID.randomUUID())) {
      client.send("{\"type\":\"chat\",\"text\":\"" + "x".repeat(Limits.MAX_FRAME_BYTES + 10)
          + "\"}");
      assertThat(client.awaitClose(Duration.ofSeconds(5))).isEqualTo(1009);
    }
    assertThat(api.server.signalingStats().closes(CloseCode.MESSAGE_TOO_BIG)).isEqualTo(before + 1);
    assertTheOtherRoomStillWorks();
  }

  @Test
  void aFloodIsRateLimitedThenClosedWith1008() {
    try (WsClient flooder = connect("flood-" + UUID.randomUUID())) {
      for (int i = 0; i < Limits.MESSAGE_BURST * 3 && !flooder.isClosed(); i++) {
        try {
          flooder.send("{\"type\":\"ping\"}");
        } catch (RuntimeException closedUnderUs) {
          break;
        }
      }
      assertThat(flooder.awaitType("error").get("code").asText()).isEqualTo("RATE_LIMITED");
      assertThat(flooder.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
    }
    assertTheOtherRoomStillWorks();
  }

  @Test
  void aSteadyFloodIsWarnedOnceThenClosedWith1008() {
    try (WsClient flooder = connect("steady-" + UUID.randomUUID())) {
      // Paced, not a burst: a message every millisecond, so the bucket lets one in twenty
      // through. Counting refusals in a row, a pass reset the count: never closed, and
      // RATE_LIMITED sent some fifty times a second.
      for (int i = 0; i < 5_000 && !flooder.isClosed(); i++) {
        try {
          flooder.send("{\"type\":\"ping\"}");
        } catch (RuntimeException closedUnderUs) {
          break;
        }
        LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // pacing the flood
      }

      assertThat(flooder.awaitClose(Duration.ofSeconds(5))).isEqualTo(1008);
      assertThat(flooder.pending().stream()
          .filter(m -> "RATE_LIMITED".equals(m.path("code").asText()))).hasSize(1);
    }
    assertTheOtherRoomStillWorks();
  }

  @Test
  void aPeerThatNeverReadsIsClosedAndItsPartnerSeesItLeave() throws IOException {
    String student = "stall-" + UUID.randomUUID();
    VideoSession session = session(student, "busy-tutor");
    try (RawWebSocket stalled = new RawWebSocket(api.server.port(),
            api.token(student, "student"));
        WsClient tutor = WsClient.connect(api.server.port(), api.token("busy-tutor", "tutor"))) {
      stalled.sendText("{\"type\":\"join-session\",\"sessionToken\":\"" + session.sessionToken()
          + "\"}");
      tutor.join(session.sessionToken());
      String offer = "{\"type\":\"offer\",\"sdp\":\"" + "a".repeat(60_000) + "\"}";

      // The stalled peer keeps pinging (it sends), so only the full buffer can end it.
      boolean stalledOpen = true;
      for (int i = 0; i < 400 && tutor.pending().stream()
          .noneMatch(m -> "user-left".equals(m.path("type").asText())); i++) {
        tutor.send(offer);
        if (i % 2 == 0 && stalledOpen) { // inside the ping interval: liveness does not end it
          try {
            stalled.sendText("{\"type\":\"ping\"}");
          } catch (SocketException e) {
            stalledOpen = false; // closed by the server, maybe before user-left reached us
          }
        }
        sleepForRate();
      }

      assertThat(tutor.awaitType("user-left").get("userId").asText()).isEqualTo(student);
      assertThat(api.server.signalingStats().closes(CloseCode.SLOW_CONSUMER)).isPositive();
      Runtime runtime = Runtime.getRuntime();
      assertThat(runtime.totalMemory() - runtime.freeMemory()).isLessThan(512L << 20);
    }
    assertTheOtherRoomStillWorks();
  }

  @Test
  void aClientThatPingsWithoutReadingIsClosedWith4004() throws IOException {
    long closedBefore = api.server.signalingStats().closes(CloseCode.SLOW_CONSUMER);
    try (RawWebSocket pinger = new RawWebSocket(api.server.port(),
        api.token("pinger-" + UUID.randomUUID(), "student"))) {
      // Pings are answered however fast they come; unread, their pongs fill the kernel's
      // buffers first (how much varies), then the server's 1 MiB: ping until it gives up.
      byte[] payload = new byte[125]; // the most a control frame may carry
      for (int sent = 0; sent < 400_000; sent++) {
        if (sent % 1_000 == 0
            && api.server.signalingStats().closes(CloseCode.SLOW_CONSUMER) > closedBefore) {
          break;
        }
        pinger.sendFrame(true, RawWebSocket.OPCODE_PING, payload);
      }

      // Reading again, it finds the pongs that were buffered, then the close frame.
      assertThat(pinger.readCloseCode()).isEqualTo(CloseCode.SLOW_CONSUMER.code());
    }
    assertTheOtherRoomStillWorks();
  }

  /** Stays under the per-connection message rate, which is not what this test is about. */
  private static void sleepForRate() {
    await().pollDelay(Duration.ofMillis(1000 / (Limits.MESSAGES_PER_SECOND - 10)))
        .until(() -> true);
  }
}
