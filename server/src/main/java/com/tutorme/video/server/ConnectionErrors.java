package com.tutorme.video.server;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.PrematureChannelClosureException;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last word on a connection's failures. A client that vanishes (reset, broken pipe, closed
 * mid-request) is routine on the internet and is logged at debug, one line, no stack trace;
 * anything else is a bug worth a warning with its trace. Either way the connection is closed.
 */
@Sharable
public final class ConnectionErrors extends ChannelInboundHandlerAdapter {
  public static final ConnectionErrors INSTANCE = new ConnectionErrors();
  private static final Logger log = LoggerFactory.getLogger(ConnectionErrors.class);

  private ConnectionErrors() {}

  /** Whether {@code cause} only says the other side went away. */
  public static boolean isPeerGone(Throwable cause) {
    // Netty raises IOException only from the socket itself; the codecs raise their own types.
    return cause instanceof IOException || cause instanceof PrematureChannelClosureException;
  }

  /** Logs a connection's failure at the level it deserves. */
  public static void log(ChannelHandlerContext ctx, Throwable cause) {
    if (isPeerGone(cause)) {
      log.debug("connection from {} lost: {}", ctx.channel().remoteAddress(), cause.toString());
    } else {
      log.warn("connection from {} failed", ctx.channel().remoteAddress(), cause);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log(ctx, cause);
    ctx.close();
  }
}
