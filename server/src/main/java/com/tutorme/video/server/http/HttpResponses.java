package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Writes {@link ApiResponse}s to a channel as JSON, from any thread. */
public final class HttpResponses {
  /** How long a half-closed connection may linger for the client to close its side. */
  static final long CLOSE_GRACE_MILLIS = 2_000;

  private HttpResponses() {}

  /** Writes the response; closes the connection after it unless {@code keepAlive}. */
  public static void write(ChannelHandlerContext ctx, ApiResponse answer, boolean keepAlive,
      boolean headOnly) {
    // writeAndFlush is safe from any thread: Netty hands it to the channel's event loop.
    var written = ctx.writeAndFlush(toHttp(answer, keepAlive, headOnly));
    if (!keepAlive) {
      written.addListener(done -> closeGracefully(ctx));
    }
  }

  /** The response as Netty writes it: JSON (or raw) body, length, caching and keep-alive. */
  static FullHttpResponse toHttp(ApiResponse answer, boolean keepAlive, boolean headOnly) {
    byte[] body;
    String contentType;
    if (answer.body() instanceof ApiResponse.RawBody raw) {
      body = raw.bytes();
      contentType = raw.contentType();
    } else {
      body = answer.body() == null ? new byte[0] : JsonBodies.write(answer.body());
      contentType = answer.body() == null ? null : "application/json; charset=utf-8";
    }
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
        HttpResponseStatus.valueOf(answer.status()),
        headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body));
    if (contentType != null) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    }
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
    response.headers().set("X-Content-Type-Options", "nosniff");
    answer.headers().forEach((name, value) -> response.headers().set(name, value));
    HttpUtil.setContentLength(response, body.length);
    HttpUtil.setKeepAlive(response, keepAlive);
    return response;
  }

  /**
   * Closes after a response without losing it: a full close while the client is still
   * sending (an oversized or malformed request) makes the kernel reset the connection, which
   * can discard the response before the client reads it. So the server half-closes first
   * (the client reads the response, then end of stream) and closes fully when the client
   * does, or after a grace period; what arrives meanwhile is discarded by the decoder.
   */
  static void closeGracefully(ChannelHandlerContext ctx) {
    if (ctx.channel() instanceof SocketChannel socket && socket.isActive()) {
      socket.shutdownOutput().addListener(done ->
          ctx.executor().schedule(() -> {
            ctx.close();
          }, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS));
    } else {
      ctx.close();
    }
  }

  /** Writes an error outside the router (oversized or timed-out request) and closes. */
  public static void writeErrorAndClose(ChannelHandlerContext ctx, ErrorCode code,
      String message) {
    write(ctx, ApiResponse.error(code, message, Map.of()), false, false);
  }
}
