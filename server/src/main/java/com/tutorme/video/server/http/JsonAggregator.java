package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Map;

/**
 * Aggregates request bodies up to a bound, answering a larger one with the API's JSON 413 (the
 * stock aggregator answers with an empty body).
 */
public final class JsonAggregator extends HttpObjectAggregator {
  private final int maxBytes;

  public JsonAggregator(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
    if (oversized instanceof HttpRequest) {
      // As the stock aggregator does: on a keep-alive connection answer and keep reading,
      // discarding the rest of the body, since closing on a client still sending makes its
      // kernel reset the connection, and the 413 can be lost with it.
      boolean keepOpen = !(oversized instanceof FullHttpMessage)
          && (HttpUtil.isKeepAlive(oversized) || HttpUtil.is100ContinueExpected(oversized));
      HttpResponses.write(ctx, ApiResponse.error(ErrorCode.PAYLOAD_TOO_LARGE,
          "request body exceeds " + maxBytes + " bytes", Map.of()), keepOpen, false);
    } else {
      ctx.close();
    }
  }
}
