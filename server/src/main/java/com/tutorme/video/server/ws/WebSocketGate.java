package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.protocol.Limits;
import com.tutorme.video.server.auth.InvalidTokenException;
import com.tutorme.video.server.auth.TokenKeysUnavailableException;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.TokenVerifier;
import com.tutorme.video.server.http.ApiException;
import com.tutorme.video.server.http.ApiResponse;
import com.tutorme.video.server.http.HttpAuthenticator;
import com.tutorme.video.server.http.HttpResponses;
import com.tutorme.video.server.http.RequestTarget;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker13;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Guards the WebSocket upgrade: the {@code Origin} must be allowed (403) and the token valid
 * (401) before any upgrade happens, and a user may hold only so many sockets (429). An
 * accepted request has the HTTP handlers swapped for the signaling ones by Netty's handshaker;
 * one that is not a version 13 handshake gets 400. After the upgrade a frame passes Netty's
 * decoder and then the signaling handler only. The token is read from {@code access_token} in
 * the query or an {@code access_token.<jwt>} entry of {@code Sec-WebSocket-Protocol}, and never
 * logged.
 */
@Sharable
public final class WebSocketGate extends ChannelInboundHandlerAdapter {
  /** The subprotocol the server speaks; echoed when the client offers it. */
  public static final String SUBPROTOCOL = "tutorme-v1";
  private static final String TOKEN_PROTOCOL_PREFIX = "access_token.";
  /** The signaling handler's name in an upgraded pipeline. */
  static final String SIGNALING = "signaling";

  private static final WebSocketDecoderConfig FRAMES = WebSocketDecoderConfig.newBuilder()
      // Bounded here so an oversized frame is refused (1009) before it is buffered.
      .maxFramePayloadLength(Limits.MAX_FRAME_BYTES)
      .allowExtensions(false)
      // The signaling handler closes for a broken frame, through the one way of closing that
      // counts it and sends nothing after its close frame; Netty's decoder would send its own.
      .closeOnProtocolViolation(false)
      // The signaling handler checks each whole message instead, in one pass that costs an
      // ASCII byte one comparison, where Netty's checks every byte of every fragment through
      // a state machine, as a pipeline stage of its own.
      .withUTF8Validator(false)
      .build();

  private final String path;
  private final Set<String> allowedOrigins;
  private final TokenVerifier verifier;
  private final SignalingSettings settings;
  private final UserConnections connections;
  private final List<String> httpHandlerNames;
  private final Function<Principal, SignalingHandler> signaling;
  /** Set once the server begins to stop: the close code its connections get. */
  private volatile CloseCode stoppingWith;

  /**
   * @param httpHandlerNames handlers that serve plain HTTP and leave the pipeline on upgrade
   * @param signaling makes the per-connection signaling handler for an authenticated user
   */
  public WebSocketGate(String path, List<String> allowedOrigins, TokenVerifier verifier,
      SignalingSettings settings, List<String> httpHandlerNames,
      Function<Principal, SignalingHandler> signaling) {
    this.path = path;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    this.verifier = verifier;
    this.settings = settings;
    this.connections = new UserConnections(settings.maxConnectionsPerUser());
    this.httpHandlerNames = List.copyOf(httpHandlerNames);
    this.signaling = signaling;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    Principal principal;
    try {
      principal = admit(request);
    } catch (Rejection rejection) {
      request.release();
      HttpResponses.write(ctx, rejection.response, false, false);
      return;
    }
    upgrade(ctx, request, principal);
  }

  private Principal admit(FullHttpRequest request) throws Rejection {
    if (stoppingWith != null) {
      throw new Rejection(ApiResponse.error(ErrorCode.SERVICE_UNAVAILABLE,
          "the server is shutting down; reconnect shortly", Map.of("Retry-After", "1")));
    }
    // Every browser since 2012 speaks version 13; RFC 6455 asks to name it in the refusal.
    if (!"13".equals(request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_VERSION))) {
      throw new Rejection(ApiResponse.error(ErrorCode.INVALID_REQUEST,
          "unsupported WebSocket version; this server speaks 13",
          Map.of(HttpHeaderNames.SEC_WEBSOCKET_VERSION.toString(), "13")));
    }
    // Browsers always send Origin; other clients (backends, the load generator) may not, and
    // cannot be used for cross-site requests, so only a present Origin is checked.
    // The server's own pages (the classroom) are same-origin and always allowed.
    String origin = request.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && !allowedOrigins.contains(origin) && !isSameOrigin(origin, request)) {
      throw new Rejection(ApiResponse.error(ErrorCode.FORBIDDEN,
          "origin " + clip(origin) + " is not allowed", Map.of()));
    }
    String token;
    try {
      token = tokenOf(request);
    } catch (ApiException e) {
      throw new Rejection(ApiResponse.error(e));
    }
    if (token == null) {
      throw new Rejection(ApiResponse.error(ErrorCode.UNAUTHENTICATED,
          "pass the token as access_token in the query or in Sec-WebSocket-Protocol",
          Map.of("WWW-Authenticate", "Bearer realm=\"tutorme-video\"")));
    }
    Principal principal;
    try {
      principal = verifier.verify(token);
    } catch (InvalidTokenException e) {
      throw new Rejection(ApiResponse.error(ErrorCode.INVALID_TOKEN,
          "invalid access token: " + e.getMessage(), Map.of("WWW-Authenticate",
              "Bearer realm=\"tutorme-video\", error=\"invalid_token\"")));
    } catch (TokenKeysUnavailableException e) {
      throw new Rejection(ApiResponse.error(HttpAuthenticator.keysUnavailable()));
    }
    if (!connections.tryOpen(principal.userId())) {
      throw new Rejection(ApiResponse.error(ErrorCode.RATE_LIMITED,
          "too many open connections for this user", Map.of("Retry-After", "5")));
    }
    return principal;
  }

  /** Signaling connections open (or being upgraded), every user's together. */
  public int openConnections() {
    return connections.total();
  }

  private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request, Principal principal) {
    ctx.channel().closeFuture().addListener(done -> connections.closed(principal.userId()));
    try {
      // Puts Netty's frame decoder and encoder where the HTTP codec was and writes the 101, or
      // throws for a request that is not a handshake (not a GET, no key), which is refused.
      new WebSocketServerHandshaker13(path, SUBPROTOCOL, FRAMES).handshake(ctx.channel(),
          request);
    } catch (WebSocketHandshakeException e) {
      HttpResponses.write(ctx, ApiResponse.error(ErrorCode.INVALID_REQUEST,
          "not a WebSocket handshake: " + e.getMessage(), Map.of()), false, false);
      return;
    } finally {
      request.release();
    }
    ChannelPipeline pipeline = ctx.pipeline();
    for (String name : httpHandlerNames) {
      if (pipeline.get(name) != null) {
        pipeline.remove(name);
      }
    }
    // As few stages as a frame can pass: Netty's decoder and encoder, then ours, which also
    // answers pings and the closing handshake (no protocol handler), gathers the rare
    // fragmented message (no frame aggregator) and keeps the liveness timer (no idle-state
    // handler). No flush consolidation either: the relay writes to the partner's socket, which
    // is not being read, so it had nothing to batch, and cost every frame in and out a stage.
    // In place before this read returns, so no frame can arrive ahead of it.
    pipeline.addAfter(ctx.name(), SIGNALING, signaling.apply(principal));
    pipeline.remove(this);
  }

  /**
   * Refuses upgrades from now on (503), and closes with this code every connection among these
   * that was upgraded; leaves the rest. For a server shutting down.
   */
  public void closeAll(Iterable<Channel> channels, CloseCode code) {
    stoppingWith = code;
    for (Channel channel : channels) {
      // On the channel's loop, where upgrades happen: one under way is complete when this
      // runs, and any later is refused. These run before the closes the server queues next.
      OnLoop.run(channel, () -> closeIfUpgraded(channel, code), () -> {});
    }
  }

  private static void closeIfUpgraded(Channel channel, CloseCode code) {
    if (channel.pipeline().get(SIGNALING) instanceof SignalingHandler handler) {
      handler.close(code);
    }
  }

  private static boolean isSameOrigin(String origin, FullHttpRequest request) {
    String host = request.headers().get(HttpHeaderNames.HOST);
    return host != null && (origin.equals("http://" + host) || origin.equals("https://" + host));
  }

  static String tokenOf(FullHttpRequest request) {
    List<String> query = RequestTarget.of(request.uri()).parameters().get("access_token");
    if (query != null && !query.isEmpty() && !query.get(0).isEmpty()) {
      return query.get(0);
    }
    String protocols = request.headers().get(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
    if (protocols != null) {
      for (String entry : protocols.split(",")) {
        String trimmed = entry.strip();
        if (trimmed.startsWith(TOKEN_PROTOCOL_PREFIX)) {
          return trimmed.substring(TOKEN_PROTOCOL_PREFIX.length());
        }
      }
    }
    return null;
  }

  private static String clip(String value) {
    return value.length() > 100 ? value.substring(0, 100) + "…" : value;
  }

  /** An upgrade refused with this response. */
  private static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient ApiResponse response;

    Rejection(ApiResponse response) {
      super(null, null, false, false);
      this.response = response;
    }
  }
}
