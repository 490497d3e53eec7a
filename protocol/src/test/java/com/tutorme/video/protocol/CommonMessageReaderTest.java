package com.tutorme.video.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader may decline any frame, but what it returns must be exactly what databind
 * returns for the same bytes; checked on the common frames and on many thousands of mutations.
 */
class CommonMessageReaderTest {
  private static final List<String> COMMON = List.of(
      "{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"candidate:842163049 1 udp "
          + "1677729535 203.0.113.7 46154 typ srflx\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}",
      "{\"type\":\"ice-candidate\",\"id\":\"c-1\",\"to\":\"Qm1xYz9a8b7c\",\"candidate\":"
          + "{\"candidate\":\"c\",\"sdpMid\":null,\"sdpMLineIndex\":1023,"
          + "\"usernameFragment\":\"EsAw\",\"later\":1}}",
      "{\"type\":\"ice-candidate\",\"candidate\":null}",
      "{\"type\":\"offer\",\"id\":\"o-1\",\"sdp\":\"v=0\\r\\no=- 4611 2 IN IP4 127.0.0.1\\r\\n"
          + "s=é 漢 \\ud83d\\ude00\"}",
      "{\"type\":\"answer\",\"sdp\":\"v=0\",\"to\":null,\"newerField\":true}",
      "  {\"type\":\"ping\",\"id\":\"9\"} ",
      "{\"type\":\"ping\"}");

  @Test
  void readsTheCommonFramesAsDatabindDoes() {
    for (String frame : COMMON) {
      ClientMessage fast = read(frame);
      assertThat(fast).as(frame).isNotNull().isEqualTo(databind(frame));
    }
  }

  @Test
  void leavesOtherTypesToDatabind() {
    assertThat(read("{\"type\":\"chat\",\"text\":\"hi\"}")).isNull();
    assertThat(read("{\"id\":\"1\",\"type\":\"ping\"}")).isNull(); // type not first
    assertThat(read("{\"type\":\"ping\",\"type\":\"offer\"}")).isNull();
    assertThat(read("{\"type\":\"ping\",\"id\":\"1\",\"id\":\"2\"}")).isNull();
    assertThat(read("{\"type\":\"ping\",\"x\":1,\"x\":2}")).isNull(); // databind refuses
    assertThat(read("{\"type\":\"ping\",\"x\":{\"a\":1}}")).isNull(); // not looked into
    assertThat(read("{\"type\":\"ping\",\"x\":[1]}")).isNull();
    assertThat(read("{\"type\":\"ping\",\"x\":1,\"y\":2}")).isNotNull(); // two: a newer client
    assertThat(read("{\"type\":\"ping\",\"x\":1,\"y\":2,\"z\":3}")).isNull();
    // Thousands of distinct unknown fields: declined at the third, not compared with each other.
    StringBuilder many = new StringBuilder("{\"type\":\"ping\"");
    for (int i = 0; many.length() < 60_000; i++) {
      many.append(",\"f").append(i).append("\":0");
    }
    assertThat(read(many.append('}').toString())).isNull();
    assertThat(read("{\"type\":\"ping\"} {}")).isNull();
    assertThat(read("{\"type\":\"offer\",\"sdp\":5}")).isNull();
    assertThat(read("{\"type\":\"offer\",\"sdp\":\"\"}")).isNull(); // invalid: databind says why
    assertThat(read("{\"type\":\"ice-candidate\"}")).isNull(); // missing is not null
  }

  @Test
  void neverDisagreesWithDatabindOnMutatedFrames() {
    SplittableRandom random = new SplittableRandom(42);
    String alphabet = "{}[]\":,.-+0123456789eEtruefalsnl \\/abcdpingofertyp\u00e9\u6f22";
    int read = 0;
    for (int n = 0; n < 60_000; n++) {
      StringBuilder frame = new StringBuilder(COMMON.get(random.nextInt(COMMON.size())));
      for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
        int at = random.nextInt(frame.length() + 1);
        switch (random.nextInt(4)) {
          case 0 -> frame.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> {
            if (at < frame.length()) {
              frame.deleteCharAt(at);
            }
          }
          case 2 -> frame.insert(at, List.of(",\"id\":\"x\"", ",\"sdp\":null", ",\"to\":\"p\"",
              ",\"candidate\":{}", ",\"sdpMLineIndex\":7", ",\"x\":[{}]", ",\"type\":\"ping\"",
              ",\"sdpMLineIndex\":3000000000", ",\"sdpMLineIndex\":1.0", ",\"later\":2")
              .get(random.nextInt(10)));
          default -> {
            int end = Math.min(frame.length(), at + random.nextInt(12));
            frame.insert(at, frame.substring(at, end)); // a repeated stretch
          }
        }
      }
      String mutated = frame.toString();
      ClientMessage fast = read(mutated);
      if (fast != null) {
        read++;
        assertThat(fast).as(mutated).isEqualTo(databind(mutated));
      }
    }
    assertThat(read).as("mutations the fast path took").isGreaterThan(1_000);
  }

  private static ClientMessage read(String frame) {
    byte[] bytes = ("__" + frame).getBytes(StandardCharsets.UTF_8);
    return CommonMessageReader.read(SignalingCodec.commonParsers(), bytes, 2,
        bytes.length - 2);
  }

  /** What databind makes of the frame, or the exception it throws (never equal to a message). */
  private static Object databind(String frame) {
    try {
      return SignalingCodec.mapper().readValue(frame.getBytes(StandardCharsets.UTF_8),
          ClientMessage.class);
    } catch (Exception e) {
      return e;
    }
  }
}
