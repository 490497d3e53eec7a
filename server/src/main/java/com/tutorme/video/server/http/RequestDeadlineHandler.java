package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Bounds how long a request may take to arrive (a slow-loris client sending a byte at a time
 * gets 408 and is closed) and closes keep-alive connections that sit idle. Removed from the
 * pipeline when a connection becomes a WebSocket, which has its own liveness checks.
 */
public final class RequestDeadlineHandler extends ChannelDuplexHandler {
  private final long deadlineMillis;
  private ScheduledFuture<?> deadline;

  public RequestDeadlineHandler(long deadlineMillis) {
    this.deadlineMillis = deadlineMillis;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof HttpRequest && deadline == null) {
      deadline = ctx.executor().schedule(() -> {
        HttpResponses.writeErrorAndClose(ctx, ErrorCode.REQUEST_TIMEOUT,
            "the request did not arrive within " + deadlineMillis + " ms");
      }, deadlineMillis, TimeUnit.MILLISECONDS);
    }
    if (msg instanceof LastHttpContent) {
      cancel();
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
