package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * Finds dead connections: after a quiet interval it pings; if the next interval is quiet too
 * (no pong, no frame at all), the peer is gone without a close (a dropped network, a sleeping
 * laptop) and the connection is closed with 4003, so the other peer sees it leave. Sits behind
 * an IdleStateHandler whose reader timeout is the ping interval.
 */
final class LivenessHandler extends ChannelDuplexHandler {
  private final SignalingStats stats;
  private boolean awaitingPong;

  LivenessHandler(SignalingStats stats) {
    this.stats = stats;
  }

  /** The timer this handler listens to, to sit just before it in the pipeline. */
  static IdleStateHandler idleTimer(SignalingSettings settings) {
    return new IdleStateHandler(settings.pingIntervalMillis(), 0, 0, TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    awaitingPong = false; // any frame, pong or not, shows the peer is there
    super.channelRead(ctx, msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      if (awaitingPong) {
        Closer.close(ctx.channel(), CloseCode.IDLE_TIMEOUT, stats);
      } else {
        awaitingPong = true;
        ctx.writeAndFlush(new PingWebSocketFrame());
      }
      return;
    }
    super.userEventTriggered(ctx, evt);
  }
}
