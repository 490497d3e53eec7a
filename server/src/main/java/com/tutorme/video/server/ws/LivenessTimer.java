package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Finds dead connections: after a quiet interval it pings; if the next interval is quiet too
 * (no pong, no data at all), the peer is gone without a close (a dropped network, a sleeping
 * laptop) and the connection is closed with 4003, so the other peer sees it leave.
 *
 * <p>It is a timer the signaling handler feeds, not a handler of its own, nor an
 * IdleStateHandler: a pipeline stage costs every frame read (and an IdleStateHandler every
 * frame written too) a hand-over through the pipeline. Each batch of input costs it one
 * clock read ({@link #inputArrived}, from the handler's channelReadComplete, which follows
 * every read of the socket, a partial frame's or a pong's too). The timer runs on the
 * channel's loop, so a channel moved to another loop stops it before the move and starts it
 * after ({@link #pause}, {@link #resume}).
 */
final class LivenessTimer {
  private final Channel channel;
  private final long intervalNanos;
  private final Closer closer;
  private ScheduledFuture<?> check;
  private EventExecutor checkLoop;
  private long lastInputNanos;
  private boolean awaitingPong;

  LivenessTimer(Channel channel, SignalingSettings settings, Closer closer) {
    this.channel = channel;
    this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(settings.pingIntervalMillis());
    this.closer = closer;
    this.lastInputNanos = System.nanoTime(); // the connection is new: as good as input
  }

  /** The peer sent something: it is there. */
  void inputArrived() {
    lastInputNanos = System.nanoTime();
    awaitingPong = false;
  }

  /** Stops the timer; before the channel leaves its loop, and when it closes. */
  void pause() {
    if (check != null) {
      check.cancel(false);
      check = null;
    }
  }

  /**
   * Starts the timer on the channel's current loop, counting from the last input: a peer that
   * went quiet is not given a fresh interval by being moved between loops (which, repeated,
   * would keep a dead one forever).
   */
  void resume() {
    pause();
    if (channel.isOpen()) {
      schedule(Math.max(0, intervalNanos - (System.nanoTime() - lastInputNanos)));
    }
  }

  /** The loop the timer runs on, or null when it is stopped; for tests. */
  EventExecutor timerLoop() {
    return check == null ? null : checkLoop;
  }

  private void schedule(long delayNanos) {
    checkLoop = channel.eventLoop();
    check = checkLoop.schedule(this::onTimer, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void onTimer() {
    if (!channel.isOpen() || Closer.isClosing(channel)) {
      check = null; // a closing connection has its own deadline and may send no ping
      return;
    }
    long quiet = System.nanoTime() - lastInputNanos;
    if (quiet < intervalNanos) {
      schedule(intervalNanos - quiet);
    } else if (awaitingPong) {
      check = null;
      closer.close(channel, CloseCode.IDLE_TIMEOUT);
    } else {
      awaitingPong = true;
      channel.writeAndFlush(new PingWebSocketFrame());
      lastInputNanos = System.nanoTime(); // the next quiet interval is counted from the ping
      schedule(intervalNanos);
    }
  }
}
