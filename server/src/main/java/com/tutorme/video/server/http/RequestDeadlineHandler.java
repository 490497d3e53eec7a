package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a request may take to arrive, from its first byte to its last: a slow-loris
 * client dribbling its headers or body gets 408 and is closed. It needs two places in the
 * pipeline: {@link #firstBytes()} before the HTTP codec sees a request begin (the codec says
 * nothing until the headers are complete), and this handler after it sees the request end.
 * It also closes keep-alive connections that sit idle. Both leave the pipeline when a
 * connection becomes a WebSocket, which has its own liveness checks.
 */
public final class RequestDeadlineHandler extends ChannelDuplexHandler {
  private final long deadlineMillis;
  private ScheduledFuture<?> deadline;
  /** This handler's place, after the codec: the 408 must be written from here to be encoded. */
  private ChannelHandlerContext decoded;

  public RequestDeadlineHandler(long deadlineMillis) {
    this.deadlineMillis = deadlineMillis;
  }

  /** The handler to put before the HTTP codec: it starts the clock on a request's first byte. */
  public ChannelInboundHandlerAdapter firstBytes() {
    return new ChannelInboundHandlerAdapter() {
      @Override
      public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ByteBuf bytes && bytes.isReadable() && deadline == null
            && decoded != null) {
          start();
        }
        ctx.fireChannelRead(msg);
      }
    };
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.decoded = ctx;
  }

  private void start() {
    ChannelHandlerContext ctx = decoded;
    deadline = ctx.executor().schedule(() -> HttpResponses.writeErrorAndClose(ctx,
        ErrorCode.REQUEST_TIMEOUT, "the request did not arrive within " + deadlineMillis + " ms"),
        deadlineMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof LastHttpContent) {
      cancel(); // the whole request is here; the next one starts the clock again
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
    if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.ALL_IDLE
        && deadline == null) {
      ctx.close(); // an idle keep-alive connection; the client reconnects when it needs to
      return;
    }
    super.userEventTriggered(ctx, evt);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    cancel();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    cancel();
    super.channelInactive(ctx);
  }

  private void cancel() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
