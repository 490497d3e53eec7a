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
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A server that has begun to stop refuses upgrades with 503 and Retry-After, before it looks
 * at the token: a client told to come back shortly reaches the next server, or this one
 * restarted. The window is short on a real server (between the gate's closeAll and the close
 * of every channel), so the gate is driven on its own here, the same request before and
 * after it begins to stop.
 */
class WebSocketGateTest {
  private final AtomicInteger verified = new AtomicInteger();
  private final WebSocketGate gate = new WebSocketGate("/ws", List.of(), token -> {
    verified.incrementAndGet();
    throw new InvalidTokenException("expired");
  }, SignalingSettings.DEFAULTS, List.of(), principal -> {
    throw new AssertionError("no connection is upgraded in this test");
  });

  @Test
  void anUpgradeOnceTheServerBeginsToStopIsToldToComeBackBeforeItsTokenIsChecked() {
    FullHttpResponse before = answerTo(upgradeRequest());
    try {
      assertThat(before.status().code()).as("before stopping: the token").isEqualTo(401);
      assertThat(verified).as("tokens checked").hasValue(1);
    } finally {
      before.release();
    }

    gate.closeAll(List.of(), CloseCode.GOING_AWAY);

    FullHttpResponse after = answerTo(upgradeRequest());
    try {
      assertThat(after.status().code()).isEqualTo(503);
      assertThat(after.headers().get(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
      assertThat(after.content().toString(StandardCharsets.UTF_8))
          .contains("SERVICE_UNAVAILABLE", "shutting down");
      assertThat(verified).as("tokens checked").hasValue(1);
    } finally {
      after.release();
    }
  }

  /** The gate's answer to {@code request}, on a channel of its own. */
  private FullHttpResponse answerTo(FullHttpRequest request) {
    EmbeddedChannel channel = new EmbeddedChannel(gate);
    channel.writeInbound(request);
    FullHttpResponse response = channel.readOutbound();
    assertThat(response).as("the gate's answer").isNotNull();
    assertThat(request.refCnt()).as("the request released").isZero();
    // A refusal ends the connection: the response says so, and the server then half-closes.
    assertThat(HttpUtil.isKeepAlive(response)).as("kept alive").isFalse();
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
