package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.server.auth.InvalidTokenException;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that has begun to stop refuses upgrades with 503 and Retry-After, before it looks
 * at the token: a client told to come back shortly reaches the next server, or this one
 * restarted. The window is short on a real server (between the gate's closeAll and the close
 * of every channel), so the gate is driven on its own here.
 */
class WebSocketGateTest {
  private final AtomicInteger verified = new AtomicInteger();
  private final WebSocketGate gate = new WebSocketGate("/ws", List.of(), token -> {
    verified.incrementAndGet();
    throw new InvalidTokenException("expired");
  }, SignalingSettings.DEFAULTS, List.of(), principal -> {
    throw new AssertionError("no connection is upgraded in these tests");
  });

  @Test
  void anUpgradeWhileTheServerStopsIsToldToComeBack() {
    gate.closeAll(List.of(), CloseCode.GOING_AWAY);

    FullHttpResponse response = answerTo(upgradeRequest());

    assertThat(response.status().code()).isEqualTo(503);
    assertThat(response.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
    assertThat(response.content().toString(StandardCharsets.UTF_8))
        .contains("SERVICE_UNAVAILABLE", "shutting down");
    assertThat(verified).as("tokens checked").hasValue(0);
    response.release();
  }

  @Test
  void theSameUpgradeBeforeTheServerStopsHasItsTokenChecked() {
    FullHttpResponse response = answerTo(upgradeRequest());

    assertThat(response.status().code()).isEqualTo(401);
    assertThat(verified).as("tokens checked").hasValue(1);
    response.release();
  }

  private FullHttpResponse answerTo(FullHttpRequest request) {
    EmbeddedChannel channel = new EmbeddedChannel(gate);
    channel.writeInbound(request);
    FullHttpResponse response = channel.readOutbound();
    assertThat(request.refCnt()).as("the request released").isZero();
    assertThat(channel.isOpen()).as("closed after the refusal").isFalse();
    channel.finishAndReleaseAll();
    return response;
  }

  private static FullHttpRequest upgradeRequest() {
    FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET,
        "/ws?access_token=some.jwt.here");
    request.headers().set(HttpHeaderNames.HOST, "localhost")
        .set(HttpHeaderNames.UPGRADE, "websocket")
        .set(HttpHeaderNames.CONNECTION, "Upgrade")
        .set(HttpHeaderNames.SEC_WEBSOCKET_KEY, "dGhlIHNhbXBsZSBub25jZQ==")
        .set(HttpHeaderNames.SEC_WEBSOCKET_VERSION, "13");
    return request;
  }
}
