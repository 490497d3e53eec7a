package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;

/**
 * Aggregates request bodies up to a bound, answering a larger one with the API's JSON 413 (the
 * stock aggregator answers with an empty body) and closing, since the rest of the body is
 * still on its way.
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
      HttpResponses.writeErrorAndClose(ctx, ErrorCode.PAYLOAD_TOO_LARGE,
          "request body exceeds " + maxBytes + " bytes");
    } else {
      ctx.close();
    }
  }
}
