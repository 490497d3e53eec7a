package com.tutorme.video.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SignalingCodecTest {
  static final Sender FROM = new Sender("p1", "u-1", "student");

  static JsonNode tree(String json) throws Exception {
    return SignalingCodec.mapper().readTree(json);
  }

  @Test
  void decodesEveryClientMessageAsABrowserSendsIt() {
    assertThat(SignalingCodec.decode("{\"type\":\"join-session\",\"id\":\"1\","
        + "\"sessionToken\":\"tok\"}"))
        .isEqualTo(new ClientMessage.JoinSession("1", "tok"));
    assertThat(SignalingCodec.decode("{\"type\":\"offer\",\"sdp\":\"v=0\"}"))
        .isEqualTo(new ClientMessage.Offer(null, "v=0", null));
    assertThat(SignalingCodec.decode("{\"type\":\"answer\",\"sdp\":\"v=0\",\"to\":\"p2\"}"))
        .isEqualTo(new ClientMessage.Answer(null, "v=0", "p2"));
    assertThat(SignalingCodec.decode("{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":"
        + "\"candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host\",\"sdpMid\":\"0\","
        + "\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"}}"))
        .isEqualTo(new ClientMessage.IceCandidate(null, new ClientMessage.Candidate(
            "candidate:1 1 udp 2122260223 192.168.1.2 54321 typ host", "0", 0, "abcd"), null));
    assertThat(SignalingCodec.decode("{\"type\":\"ice-candidate\",\"candidate\":null}"))
        .isEqualTo(new ClientMessage.IceCandidate(null, null, null));
    assertThat(SignalingCodec.decode("{\"type\":\"leave-session\"}"))
        .isEqualTo(new ClientMessage.LeaveSession(null));
    assertThat(SignalingCodec.decode("{\"type\":\"chat\",\"text\":\"hi\"}"))
        .isEqualTo(new ClientMessage.Chat(null, "hi", null));
    assertThat(SignalingCodec.decode("{\"type\":\"media-state\",\"audio\":false,"
        + "\"video\":true,\"screen\":false}"))
        .isEqualTo(new ClientMessage.MediaState(null, false, true, false, null));
    assertThat(SignalingCodec.decode("{\"type\":\"ping\",\"id\":\"7\"}"))
        .isEqualTo(new ClientMessage.Ping("7"));
  }

  @Test
  void unknownFieldsAreIgnoredForForwardCompatibility() {
    assertThat(SignalingCodec.decode("{\"type\":\"chat\",\"text\":\"hi\",\"emoji\":true}"))
        .isEqualTo(new ClientMessage.Chat(null, "hi", null));
  }

  @Test
  void encodesEveryServerMessageWithItsWireNames() throws Exception {
    PeerInfo tutor = new PeerInfo("p2", "u-2", "Taylor", "tutor");
    assertThat(tree(SignalingCodec.encode(new ServerMessage.SessionJoined("1", "s1", "p1",
        List.of(tutor), List.of(IceServer.stun(List.of("stun:stun.example:3478")))))))
        .isEqualTo(tree("{\"type\":\"session-joined\",\"ref\":\"1\",\"sessionId\":\"s1\","
            + "\"peerId\":\"p1\",\"peers\":[{\"peerId\":\"p2\",\"userId\":\"u-2\","
            + "\"name\":\"Taylor\",\"role\":\"tutor\"}],"
            + "\"iceServers\":[{\"urls\":[\"stun:stun.example:3478\"]}]}"));
    assertThat(tree(SignalingCodec.encode(ServerMessage.UserJoined.of(tutor))))
        .isEqualTo(tree("{\"type\":\"user-joined\",\"peerId\":\"p2\",\"userId\":\"u-2\","
            + "\"name\":\"Taylor\",\"role\":\"tutor\"}"));
    assertThat(tree(SignalingCodec.encode(ServerMessage.UserLeft.of(tutor))).get("type")
        .asText()).isEqualTo("user-left");
    assertThat(tree(SignalingCodec.encode(new ServerMessage.Offer("v=0", FROM))))
        .isEqualTo(tree("{\"type\":\"offer\",\"sdp\":\"v=0\",\"from\":{\"peerId\":\"p1\","
            + "\"userId\":\"u-1\",\"role\":\"student\"}}"));
    assertThat(tree(SignalingCodec.encode(new ServerMessage.Answer("v=0", FROM))).get("type")
        .asText()).isEqualTo("answer");
    assertThat(tree(SignalingCodec.encode(new ServerMessage.IceCandidate(null, FROM))))
        .isEqualTo(tree("{\"type\":\"ice-candidate\",\"candidate\":null,\"from\":{\"peerId\":"
            + "\"p1\",\"userId\":\"u-1\",\"role\":\"student\"}}"));
    assertThat(tree(SignalingCodec.encode(new ServerMessage.Chat("hi", FROM,
        "2026-11-24T10:00:00Z"))).get("sentAt").asText()).isEqualTo("2026-11-24T10:00:00Z");
    assertThat(tree(SignalingCodec.encode(new ServerMessage.MediaState(false, true, false,
        FROM)))).isEqualTo(tree("{\"type\":\"media-state\",\"audio\":false,\"video\":true,"
            + "\"screen\":false,\"from\":{\"peerId\":\"p1\",\"userId\":\"u-1\","
            + "\"role\":\"student\"}}"));
    assertThat(tree(SignalingCodec.encode(new ServerMessage.SessionEnded("ended"))))
        .isEqualTo(tree("{\"type\":\"session-ended\",\"reason\":\"ended\"}"));
    assertThat(tree(SignalingCodec.encode(new ServerMessage.Error(ErrorCode.ROOM_FULL,
        "full", null)))).isEqualTo(tree("{\"type\":\"error\",\"code\":\"ROOM_FULL\","
            + "\"message\":\"full\"}"));
    assertThat(tree(SignalingCodec.encode(new ServerMessage.Pong("9"))))
        .isEqualTo(tree("{\"type\":\"pong\",\"ref\":\"9\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "not JSON                 | {\"type\":                                       | not valid JSON",
      "an array                 | [1,2]                                             | JSON object",
      "a string                 | \"offer\"                                         | JSON object",
      "null                     | null                                              | JSON object",
      "no type                  | {\"sdp\":\"v=0\"}                                 | needs a type",
      "unknown type             | {\"type\":\"teleport\"}                           | unknown message type 'teleport'",
      "missing sdp              | {\"type\":\"offer\"}                              | sdp is required",
      "sdp of the wrong type    | {\"type\":\"offer\",\"sdp\":5}                    | sdp",
      "bad peer id              | {\"type\":\"offer\",\"sdp\":\"v\",\"to\":\"../x\"} | to must be a peer id",
      "media-state half given   | {\"type\":\"media-state\",\"audio\":true}         | audio, video and screen",
      "empty id                 | {\"type\":\"ping\",\"id\":\"\"}                   | id must be",
      "trailing garbage         | {\"type\":\"ping\"} x                             | not valid",
      "candidate not an object  | {\"type\":\"ice-candidate\",\"candidate\":\"c\"}  | candidate",
      "candidate missing        | {\"type\":\"ice-candidate\"}                     | candidate is required",
      "boolean as a string      | {\"type\":\"media-state\",\"audio\":\"true\",\"video\":true,\"screen\":false} | audio",
      "a relayed field twice    | {\"type\":\"offer\",\"sdp\":\"a\",\"sdp\":\"b\"}  | field 'sdp' is given more than once",
      "a nested field twice     | {\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"a\",\"candidate\":\"b\"}} | field 'candidate' is given more than once",
      "the type twice           | {\"type\":\"ping\",\"type\":\"leave\"}        | field 'type' is given more than once",
      "an unknown field twice   | {\"type\":\"ping\",\"x\":1,\"x\":1}            | field 'x' is given more than once",
      "a join's token twice     | {\"type\":\"join-session\",\"sessionToken\":\"a\",\"sessionToken\":\"b\"} | field 'sessionToken' is given more than once",
      "twice deep inside        | {\"type\":\"chat\",\"text\":\"hi\",\"x\":[{\"k\":1,\"k\":2}]} | field 'k' is given more than once",
  })
  void malformedFramesAreInvalidMessages(String name, String frame, String expected) {
    assertThatThrownBy(() -> SignalingCodec.decode(frame))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(((ProtocolException) e).code())
            .isEqualTo(ErrorCode.INVALID_MESSAGE));
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    ProtocolException fromString = catchThrowableOfType(() -> SignalingCodec.decode(frame),
        ProtocolException.class);
    assertThatThrownBy(() -> SignalingCodec.decodeUtf8(bytes, 0, bytes.length))
        .isInstanceOf(ProtocolException.class)
        .hasMessage(fromString.getMessage());
  }

  @Test
  void framesReadFromTheirBytesDecodeAsFromAString() {
    List<String> frames = List.of(
        "{\"type\":\"join-session\",\"id\":\"1\",\"sessionToken\":\"tok\"}",
        " \r\n\t{\"type\":\"chat\",\"text\":\"h\u00e9llo \u2713 \ud83d\ude00\"}",
        "{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 "
            + "10.0.0.1 9 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0},\"to\":\"p2\"}");
    for (String frame : frames) {
      byte[] utf8 = frame.getBytes(StandardCharsets.UTF_8);
      byte[] inside = new byte[utf8.length + 7]; // a frame in the middle of a larger buffer
      System.arraycopy(utf8, 0, inside, 3, utf8.length);
      assertThat(SignalingCodec.decodeUtf8(inside, 3, utf8.length))
          .isEqualTo(SignalingCodec.decode(frame));
    }
  }

  @Test
  void bytesThatLookLikeUtf16OrUtf32AreRefusedAsFromAString() {
    String ping = "{\"type\":\"ping\",\"id\":\"x\"}";
    List<byte[]> frames = List.of(ping.getBytes(StandardCharsets.UTF_16LE),
        ping.getBytes(Charset.forName("UTF-32LE")),
        new byte[] {'{', 0, 0, 0, 'A', 'A', 'A', 'A'}, new byte[] {'{', 0});
    for (byte[] frame : frames) {
      // NUL is valid UTF-8, so such a frame passes the WebSocket layer's UTF-8 check.
      String asUtf8 = new String(frame, StandardCharsets.UTF_8);
      ProtocolException fromString = catchThrowableOfType(() -> SignalingCodec.decode(asUtf8),
          ProtocolException.class);
      assertThat(fromString).isNotNull();
      assertThatThrownBy(() -> SignalingCodec.decodeUtf8(frame, 0, frame.length))
          .isInstanceOf(ProtocolException.class)
          .hasMessage(fromString.getMessage());
    }
  }

  @Test
  void encodingIntoAStreamWritesTheSameBytes() {
    ServerMessage message = new ServerMessage.Chat("h\u00e9llo \u2713",
        FROM, "2026-11-24T10:00:00Z");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SignalingCodec.encodeUtf8(message, out);
    assertThat(out.toByteArray()).isEqualTo(SignalingCodec.encodeUtf8(message));
  }

  @Test
  void theRefOfABadMessageIsEchoed() {
    assertThatThrownBy(() -> SignalingCodec.decode("{\"type\":\"offer\",\"id\":\"m-7\"}"))
        .isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.ref()).isEqualTo("m-7"));
    assertThatThrownBy(() -> SignalingCodec.decode("{\"type\":\"nope\",\"id\":\"m-8\"}"))
        .isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.ref()).isEqualTo("m-8"));
    assertThatThrownBy(() -> SignalingCodec.decode(
        "{\"type\":\"offer\",\"id\":\"m-9\",\"sdp\":\"a\",\"sdp\":\"b\"}"))
        .isInstanceOfSatisfying(ProtocolException.class,
            e -> assertThat(e.ref()).isEqualTo("m-9"));
    assertThatThrownBy(() -> SignalingCodec.decode("{\"type\":\"ping\",\"id\":\"a\",\"id\":\"b\"}"))
        .isInstanceOfSatisfying(ProtocolException.class, e -> assertThat(e.ref()).isNull());
  }

  /** A ping with {@code fields} unknown fields: 4 + 2 × fields tokens. */
  static String pingWithFields(int fields) {
    StringBuilder frame = new StringBuilder("{\"type\":\"ping\"");
    for (int i = 0; i < fields; i++) {
      frame.append(",\"f").append(i).append("\":").append(i);
    }
    return frame.append('}').toString();
  }

  @Test
  void framesThatWouldCostFarMoreThanTheyCarryAreRefusedNamingTheBound() {
    String largestReal = "{\"type\":\"ice-candidate\",\"to\":\"p2\",\"id\":\"c-1\","
        + "\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 10.0.0.1 5000 typ host\","
        + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"abcd\"}}";
    int fieldsThatFit = (Limits.MAX_JSON_TOKENS - 4) / 2;
    String name = "n".repeat(Limits.MAX_FIELD_NAME_BYTES);

    assertDecodesBothWays(largestReal);
    assertDecodesBothWays(pingWithFields(fieldsThatFit));
    assertDecodesBothWays("{\"type\":\"ping\",\"" + name + "\":1}");
    assertRefusedBothWays(pingWithFields(fieldsThatFit + 1),
        "the message has more than 256 JSON tokens (field names, values and brackets)");
    assertRefusedBothWays(pingWithFields(3_000),
        "the message has more than 256 JSON tokens (field names, values and brackets)");
    assertRefusedBothWays("{\"type\":\"ping\",\"" + name + "n\":1}",
        "the message has a field name longer than 64 bytes");
    // Bytes, not characters, on every path: 32 two-byte characters fit, 33 do not.
    assertDecodesBothWays("{\"type\":\"ping\",\"" + "\u00e9".repeat(32) + "\":1}");
    assertRefusedBothWays("{\"type\":\"ping\",\"id\":\"r1\",\"" + "\u00e9".repeat(33) + "\":1}",
        "the message has a field name longer than 64 bytes");
    assertRefusedBothWays("[" + "1,".repeat(300) + "1]", "a message must be a JSON object with a type");
    assertRefusedBothWays("{\"type\":\"ping\",\"x\":" + "9".repeat(33) + "}",
        "the message has a number longer than 32 characters");
    // Only a string, not a frame, can be longer than the frame limit.
    assertThatThrownBy(() -> SignalingCodec.decode("{\"type\":\"offer\",\"sdp\":\""
        + "a".repeat(Limits.MAX_FRAME_BYTES + 1) + "\"}"))
        .hasMessage("the message is too long");
  }

  private static void assertDecodesBothWays(String frame) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    assertThat(SignalingCodec.decodeUtf8(bytes, 0, bytes.length))
        .isEqualTo(SignalingCodec.decode(frame));
  }

  private static void assertRefusedBothWays(String frame, String message) {
    byte[] bytes = frame.getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> SignalingCodec.decode(frame)).hasMessage(message);
    assertThatThrownBy(() -> SignalingCodec.decodeUtf8(bytes, 0, bytes.length))
        .hasMessage(message);
  }

  @Test
  void deepNestingAndOversizedFieldsAreRefused() {
    String deep = "{\"type\":\"chat\",\"text\":\"x\",\"x\":" + "[".repeat(50) + "]".repeat(50)
        + "}";
    String longSdp = "{\"type\":\"offer\",\"sdp\":\"" + "a".repeat(Limits.MAX_SDP_CHARS + 1)
        + "\"}";
    String longChat = "{\"type\":\"chat\",\"text\":\"" + "a".repeat(Limits.MAX_CHAT_CHARS + 1)
        + "\"}";

    assertThatThrownBy(() -> SignalingCodec.decode(deep)).isInstanceOf(ProtocolException.class)
        .hasMessage("the message is nested more than 8 levels deep");
    assertThatThrownBy(() -> SignalingCodec.decode(longSdp))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("sdp is longer");
    assertThatThrownBy(() -> SignalingCodec.decode(longChat))
        .isInstanceOf(ProtocolException.class).hasMessageContaining("text is longer");
  }

  @Test
  void aClientCannotForgeItsSenderBecauseRelaysAreRebuiltFromFields() throws Exception {
    ClientMessage.Offer offer = (ClientMessage.Offer) SignalingCodec.decode("{\"type\":\"offer\","
        + "\"sdp\":\"v=0\",\"from\":{\"peerId\":\"admin\",\"userId\":\"root\"}}");

    JsonNode relayed = tree(SignalingCodec.encode(new ServerMessage.Offer(offer.sdp(), FROM)));

    assertThat(relayed.get("from")).isEqualTo(tree("{\"peerId\":\"p1\",\"userId\":\"u-1\","
        + "\"role\":\"student\"}"));
  }
}
