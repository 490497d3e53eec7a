package com.tutorme.video.server;

import com.tutorme.video.server.http.HttpApiHandler;
import com.tutorme.video.server.http.JsonAggregator;
import com.tutorme.video.server.http.RequestDeadlineHandler;
import com.tutorme.video.server.ws.WebSocketGate;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.cors.CorsConfig;
import io.netty.handler.codec.http.cors.CorsConfigBuilder;
import io.netty.handler.codec.http.cors.CorsHandler;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Builds each connection's pipeline: HTTP codec, time limits, bounded aggregation, CORS, the
 * API, and the gate that turns an authenticated upgrade into a signaling connection.
 */
final class ServerChannelInitializer extends ChannelInitializer<SocketChannel> {
  static final String HTTP_CODEC = "http-codec";
  static final String IDLE = "idle";
  static final String FIRST_BYTES = "request-first-bytes";
  static final String DEADLINE = "request-deadline";
  static final String AGGREGATOR = "aggregator";
  static final String CORS = "cors";
  static final String API = "api";
  static final String WS_GATE = "ws-gate";
  static final String ERRORS = "connection-errors";

  /** What serves plain HTTP, and leaves the pipeline when a connection becomes a WebSocket. */
  static final List<String> HTTP_ONLY = List.of(FIRST_BYTES, IDLE, DEADLINE, CORS, API);

  /** Request line (method, path, query) bound: a longer URI gets 414. */
  static final int MAX_INITIAL_LINE = 8 * 1024;
  /** All header lines together: more gets 431. */
  static final int MAX_HEADER_SIZE = 16 * 1024;
  /** Request bodies are small JSON documents; a booking is a few hundred bytes. */
  static final int MAX_BODY_SIZE = 64 * 1024;
  /** Keep-alive connections with no traffic for this long are closed. */
  static final long IDLE_SECONDS = 60;

  private final ChannelGroup channels;
  private final CorsConfig cors;
  private final HttpApiHandler api;
  private final WebSocketGate gate;
  private final long requestTimeoutMillis;

  ServerChannelInitializer(ChannelGroup channels, ServerConfig config, HttpApiHandler api,
      WebSocketGate gate) {
    this.gate = gate;
    this.channels = channels;
    this.requestTimeoutMillis = config.requestTimeoutMillis();
    List<String> allowedOrigins = config.allowedOrigins();
    this.cors = CorsConfigBuilder.forOrigins(allowedOrigins.toArray(String[]::new))
        .allowedRequestMethods(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT)
        .allowedRequestHeaders("authorization", "content-type")
        .exposeHeaders("retry-after", "www-authenticate")
        .maxAge(600)
        // In place of Netty's defaults, whose Date its one-header-per-name preflight response
        // writes quoted ("Wed, 02 Dec ..." has a comma), which no client can parse. Our other
        // responses carry no Date either.
        .preflightResponseHeader(HttpHeaderNames.CONTENT_LENGTH, "0")
        .build();
    this.api = api;
  }

  @Override
  protected void initChannel(SocketChannel channel) {
    channels.add(channel); // so shutdown can close every open connection
    ChannelPipeline pipeline = channel.pipeline();
    RequestDeadlineHandler deadline = new RequestDeadlineHandler(requestTimeoutMillis);
    pipeline.addLast(FIRST_BYTES, deadline.firstBytes());
    pipeline.addLast(HTTP_CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_SIZE, 8192));
    pipeline.addLast(IDLE, new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS));
    pipeline.addLast(DEADLINE, deadline);
    pipeline.addLast(AGGREGATOR, new JsonAggregator(MAX_BODY_SIZE));
    pipeline.addLast(CORS, new CorsHandler(cors));
    pipeline.addLast(API, api);
    pipeline.addLast(WS_GATE, gate);
    // Stays last when a WebSocket's handlers are added before it; they handle their own.
    pipeline.addLast(ERRORS, ConnectionErrors.INSTANCE);
  }
}
