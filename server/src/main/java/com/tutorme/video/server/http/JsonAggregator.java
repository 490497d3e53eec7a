package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpMessage;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import java.util.Map;

/**
 * Aggregates request bodies up to a bound, answering a larger one with the API's JSON 413, and
 * an {@code Expect} it will not meet with JSON too (the stock aggregator answers both with an
 * empty body).
 */
public final class JsonAggregator extends HttpObjectAggregator {
  private final int maxBytes;

  public JsonAggregator(int maxBytes) {
    super(maxBytes);
    this.maxBytes = maxBytes;
  }

  /**
   * The stock answer to {@code Expect}: 100 Continue, 413 for a body announced too large, 417
   * for any other expectation; the errors given the API's JSON body. The connection stays open
   * and the body, if sent anyway, is discarded, as with the stock answer.
   */
  @Override
  protected Object newContinueResponse(HttpMessage start, int maxContentLength,
      ChannelPipeline pipeline) {
    Object stock = super.newContinueResponse(start, maxContentLength, pipeline);
    if (!(stock instanceof FullHttpResponse response)
        || response.status().codeClass() != HttpStatusClass.CLIENT_ERROR) {
      return stock;
    }
    boolean tooLarge = response.status().code() == ErrorCode.PAYLOAD_TOO_LARGE.httpStatus();
    response.release();
    ApiResponse answer = tooLarge
        ? ApiResponse.error(ErrorCode.PAYLOAD_TOO_LARGE,
            "request body exceeds " + maxBytes + " bytes", Map.of())
        : ApiResponse.error(ErrorCode.EXPECTATION_FAILED,
            ErrorCode.EXPECTATION_FAILED.defaultMessage(), Map.of());
    return HttpResponses.toHttp(answer, true, false);
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
