package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.ServerClosedException;
import com.tutorme.video.storage.DatabaseUnavailableException;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers HTTP requests from the router. Upgrade requests for the WebSocket path are passed on
 * down the pipeline untouched. Every failure becomes a JSON error; unexpected ones are logged
 * here with their stack trace and the client gets only a code.
 */
@Sharable
public final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(HttpApiHandler.class);

  private final Router router;
  private final String webSocketPath;

  public HttpApiHandler(Router router, String webSocketPath) {
    super(false); // we release the request ourselves, or pass it on retained
    this.router = router;
    this.webSocketPath = webSocketPath;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    ResponseOrder.Turn turn = ResponseOrder.of(ctx.channel()).next();
    if (isWebSocketUpgrade(request)) {
      turn.ready(ctx.executor(), () -> ctx.fireChannelRead(request)); // its 101 in turn too
      return;
    }
    // A request the decoder could not read leaves the connection in an unknown state: close it.
    boolean keepAlive = HttpUtil.isKeepAlive(request) && request.decoderResult().isSuccess();
    boolean headOnly = request.method().equals(HttpMethod.HEAD);
    CompletionStage<ApiResponse> response;
    try {
      response = route(request);
    } catch (RuntimeException e) {
      response = CompletableFuture.failedFuture(e);
    } finally {
      request.release();
    }
    response
        .exceptionally(HttpApiHandler::errorResponse)
        .thenAccept(answer -> turn.ready(ctx.executor(),
            () -> HttpResponses.write(ctx, answer, keepAlive, headOnly)));
  }

  private boolean isWebSocketUpgrade(FullHttpRequest request) {
    return request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET,
        true) && new QueryStringDecoder(RequestTarget.originForm(request.uri())).rawPath()
            .equals(webSocketPath);
  }

  private CompletionStage<ApiResponse> route(FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      Throwable cause = request.decoderResult().cause();
      if (cause instanceof TooLongHttpLineException) {
        throw new ApiException(ErrorCode.URI_TOO_LONG);
      }
      if (cause instanceof TooLongHttpHeaderException) {
        throw new ApiException(ErrorCode.HEADERS_TOO_LARGE);
      }
      throw new ApiException(ErrorCode.INVALID_REQUEST, "malformed HTTP request");
    }
    RequestTarget uri = RequestTarget.of(request.uri());
    Router.Match match = router.match(request.method(), uri.path());
    if (match.handler() == null) {
      if (uri.path().equals(webSocketPath)) {
        throw new ApiException(ErrorCode.INVALID_REQUEST, "this is the signaling WebSocket:"
            + " open it with a WebSocket handshake (docs/protocol.md)");
      }
      if (match.allowed().isEmpty()) {
        throw new ApiException(ErrorCode.NOT_FOUND, "no such endpoint: " + uri.path());
      }
      String allow = match.allowed().stream().map(HttpMethod::name)
          .collect(Collectors.joining(", "));
      throw new ApiException(ErrorCode.METHOD_NOT_ALLOWED,
          request.method().name() + " is not allowed here; use " + allow, Map.of("Allow", allow));
    }
    ApiRequest apiRequest = new ApiRequest(request.method(), uri.path(), uri.parameters(),
        request.headers().copy(), ByteBufUtil.getBytes(request.content()), match.params());
    return match.handler().handle(apiRequest);
  }

  static ApiResponse errorResponse(Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof ApiException api) {
      return ApiResponse.error(api);
    }
    if (cause instanceof DatabaseUnavailableException) {
      log.warn("database unavailable: {}", cause.getMessage());
      return ApiResponse.error(ErrorCode.DATABASE_UNAVAILABLE,
          ErrorCode.DATABASE_UNAVAILABLE.defaultMessage(), Map.of("Retry-After", "2"));
    }
    if (cause instanceof ServerClosedException) {
      return ApiResponse.error(ErrorCode.SERVICE_UNAVAILABLE,
          "the server is stopping; try again", Map.of("Retry-After", "1"));
    }
    if (cause instanceof RejectedExecutionException) {
      return ApiResponse.error(ErrorCode.SERVICE_UNAVAILABLE,
          "the server is busy; try again shortly", Map.of("Retry-After", "1"));
    }
    log.error("unexpected failure serving a request", cause);
    return ApiResponse.error(ErrorCode.INTERNAL_ERROR, ErrorCode.INTERNAL_ERROR.defaultMessage(),
        Map.of());
  }
}
