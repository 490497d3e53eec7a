package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.server.http.ApiServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket's own protocol, which the signaling handler serves without Netty's protocol
 * handler: the opening handshake's refusals, pings and the closing handshake either way.
 */
class WebSocketProtocolIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
  private static final int GRACE_MILLIS = 60_000;
  static ApiServer api;

  @BeforeAll
  static void start() throws InterruptedException {
    // A long grace period, so that a close that comes at once cannot be its deadline's.
    api = ApiServer.start(config -> config.withSignaling(
        SignalingSettings.DEFAULTS.withCloseGraceMillis(GRACE_MILLIS)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  @Test
  void anOlderWebSocketVersionIsRefusedWithTheOneTheServerSpeaks() throws IOException {
    String response = exchange("old-browser", "GET", "8", KEY);

    assertThat(response).startsWith("HTTP/1.1 400 ").containsIgnoringCase(
        "sec-websocket-version: 13\r\n");
    assertThat(errorCode(response)).isEqualTo("INVALID_REQUEST");
  }

  @Test
  void anUpgradeThatIsNotAHandshakeIsRefusedAndHoldsNoSocket() throws IOException {
    for (String[] bad : new String[][] {{"POST", KEY}, {"GET", null}}) {
      String response = exchange("clumsy", bad[0], "13", bad[1]);

      assertThat(response).startsWith("HTTP/1.1 400 ");
      assertThat(errorCode(response)).isEqualTo("INVALID_REQUEST");
      assertThat(error(response).get("message").asText())
          .startsWith("not a WebSocket handshake");
    }
    // The refused attempts passed the per-user count; once closed they hold none of the eight.
    await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
      List<RawWebSocket> held = new ArrayList<>();
      try {
        for (int i = 0; i < 8; i++) {
          held.add(new RawWebSocket(api.server.port(), api.token("clumsy", "student")));
        }
      } finally {
        for (RawWebSocket socket : held) {
          socket.close();
        }
      }
    });
  }

  @Test
  void aPingIsAnsweredWithItsPayload() throws IOException {
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token("pinger", "student"))) {
      byte[] payload = "are you there".getBytes(StandardCharsets.US_ASCII);
      client.sendFrame(true, RawWebSocket.OPCODE_PING, payload);

      assertThat(client.readPong()).isEqualTo(payload);
    }
  }

  @Test
  void aClientsCloseIsEchoedAndTheServerClosesTheConnection() throws IOException {
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token("leaver", "student"))) {
      client.sendFrame(true, RawWebSocket.OPCODE_CLOSE, new byte[] {0x03, (byte) 0xE8, 'b', 'y'});

      assertThat(client.readCloseCode()).isEqualTo(1000);
      assertThat(client.isClosedByServer()).isTrue();
    }
  }

  @Test
  void theClientsAnswerToTheServersCloseEndsTheConnection() throws IOException {
    // The user's other seven sockets: the eighth is free again only once the server closes.
    List<RawWebSocket> others = new ArrayList<>();
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token("binary", "student"))) {
      for (int i = 0; i < 7; i++) {
        others.add(new RawWebSocket(api.server.port(), api.token("binary", "student")));
      }
      client.sendFrame(true, RawWebSocket.OPCODE_BINARY, new byte[] {1, 2, 3});
      assertThat(client.readCloseCode()).isEqualTo(CloseCode.UNSUPPORTED_DATA.code());

      client.sendFrame(true, RawWebSocket.OPCODE_CLOSE, new byte[] {0x03, (byte) 0xEB});

      // At once, not at the deadline that cuts off a client that never answers.
      await().atMost(Duration.ofMillis(GRACE_MILLIS / 4)).ignoreExceptions()
          .untilAsserted(() -> others.add(
              new RawWebSocket(api.server.port(), api.token("binary", "student"))));
    } finally {
      for (RawWebSocket socket : others) {
        socket.close();
      }
    }
  }

  @Test
  void aFrameThatBreaksTheProtocolClosesWith1002() throws IOException {
    long before = api.server.signalingStats().closes(CloseCode.PROTOCOL_ERROR);
    try (RawWebSocket client = new RawWebSocket(api.server.port(), api.token("unmasked", "student"))) {
      client.sendRaw((byte) 0x81, (byte) 0x02, (byte) '{', (byte) '}'); // a client must mask

      assertThat(client.readCloseCode()).isEqualTo(CloseCode.PROTOCOL_ERROR.code());
      // One close frame, counted once, under its own code.
      assertThat(client.isClosedByServer()).isTrue();
      assertThat(api.server.signalingStats().closes(CloseCode.PROTOCOL_ERROR))
          .isEqualTo(before + 1);
    }
  }

  /** Sends an upgrade request as written and reads the whole response, to the server's close. */
  private static String exchange(String user, String method, String version, String key)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
      socket.setSoTimeout(10_000);
      String request = method + " /ws?access_token=" + api.token(user, "student")
          + " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
          + "Sec-WebSocket-Version: " + version + "\r\n"
          + (key == null ? "" : "Sec-WebSocket-Key: " + key + "\r\n") + "\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      InputStream in = socket.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static JsonNode error(String response) throws IOException {
    return JSON.readTree(response.substring(response.indexOf("\r\n\r\n") + 4)).get("error");
  }

  private static String errorCode(String response) throws IOException {
    return error(response).get("code").asText();
  }
}
