package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds dead connections: after a quiet interval it pings; if the next interval is quiet too
 * (no pong, no frame at all), the peer is gone without a close (a dropped network, a sleeping
 * laptop) and the connection is closed with 4003, so the other peer sees it leave.
 *
 * <p>It keeps its own timer, as an IdleStateHandler would, rather than sitting behind one:
 * that is one pipeline stage fewer on every frame read, and none on every frame written (an
 * IdleStateHandler intercepts writes too). A frame costs it a flag; a batch of frames one
 * clock read. The timer runs on the channel's loop, so a channel moved to another loop
 * stops it before the move and starts it after ({@link #pause}, {@link #resume}).
 */
final class LivenessHandler extends ChannelInboundHandlerAdapter {
  private final long intervalNanos;
  private final SignalingStats stats;
  private ChannelHandlerContext ctx;
  private ScheduledFuture<?> check;
  private long lastReadNanos;
  private boolean reading;
  private boolean awaitingPong;

  LivenessHandler(SignalingSettings settings, SignalingStats stats) {
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.pingIntervalMillis());
    this.stats = stats;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    resume();
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    pause();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    pause();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    reading = true;
    awaitingPong = false; // any frame, pong or not, shows the peer is there
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (reading) {
      reading = false;
      lastReadNanos = System.nanoTime();
    }
    ctx.fireChannelReadComplete();
  }

  /** Stops the timer; before the channel leaves its loop. */
  void pause() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  /** Starts the timer afresh on the channel's current loop, counting from now. */
  void resume() {
    pause();
    lastReadNanos = System.nanoTime();
    if (ctx.channel().isOpen()) {
      schedule(intervalNanos);
    }
  }

  /** The loop the timer runs on, or null when it is stopped; for tests. */
  EventExecutor timerLoop() {
    return check == null ? null : ctx.executor();
  }

  private void schedule(long delayNanos) {
    check = ctx.executor().schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void onTimer() {
    if (!ctx.channel().isOpen()) {
      check = null;
      return;
    }
    long quiet = System.nanoTime() - lastReadNanos;
    if (reading || quiet < intervalNanos) {
      schedule(reading ? intervalNanos : intervalNanos - quiet);
    } else if (awaitingPong) {
      check = null;
      Closer.close(ctx.channel(), CloseCode.IDLE_TIMEOUT, stats);
    } else {
      awaitingPong = true;
      ctx.writeAndFlush(new PingWebSocketFrame());
      lastReadNanos = System.nanoTime(); // the next quiet interval is counted from the ping
      schedule(intervalNanos);
    }
  }
}
