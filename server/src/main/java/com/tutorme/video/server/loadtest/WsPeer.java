package com.tutorme.video.server.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketHandshakeException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One generated client: a Netty WebSocket connection that hands every text frame on. */
final class WsPeer {
  private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
  /** Completes once the upgrade is done: the peer can send. */
  final CompletableFuture<WsPeer> opened = new CompletableFuture<>();
  final CompletableFuture<String> joined = new CompletableFuture<>();
  final CompletableFuture<Void> partnerSeen = new CompletableFuture<>();
  /** Completes when the connection has closed, from either side. */
  private final CompletableFuture<Void> closed = new CompletableFuture<>();
  private volatile Consumer<ByteBuf> onFrame = frame -> { };
  // Both volatile: close() may come from another thread before initChannel has run on the
  // peer's loop, and whichever of the two runs second sees the other's write and closes.
  private volatile Channel channel;
  private volatile boolean closeRequested;

  /** Starts connecting and upgrading; see {@link #opened}. */
  static WsPeer connect(Bootstrap base, URI server, String token) {
    WsPeer peer = new WsPeer();
    URI ws = URI.create(server.toString().replaceFirst("^http", "ws") + "/ws?access_token="
        + token);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(ws).subprotocol("tutorme-v1").maxFramePayloadLength(65536)
        .handleCloseFrames(true)
        .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
        // The server's frames are its own JSON; checking their UTF-8 was 8 % of the
        // generator's CPU at 30,000 msg/s, and a generator's CPU is taken from the server's.
        .withUTF8Validator(false)
        .build();
    base.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        peer.channel = ch;
        if (peer.closeRequested) {
          ch.close();
        }
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
            new WebSocketClientProtocolHandler(config), peer.new Handler());
      }
    }).connect(ws.getHost(), ws.getPort()).addListener(done -> {
      if (!done.isSuccess()) {
        peer.opened.completeExceptionally(done.cause());
      }
    });
    return peer;
  }

  /** Hands every text frame after the join (its UTF-8 bytes, valid during the call) on. */
  void onFrame(Consumer<ByteBuf> listener) {
    this.onFrame = listener;
  }

  void send(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  /** Sends a text frame of these UTF-8 bytes; cheapest from the peer's own event loop. */
  void send(ByteBuf utf8) {
    channel.writeAndFlush(new TextWebSocketFrame(utf8));
  }

  EventLoop eventLoop() {
    return channel.eventLoop();
  }

  ByteBufAllocator alloc() {
    return channel.alloc();
  }

  CompletableFuture<Void> closed() {
    return closed;
  }

  boolean isOpen() {
    return channel != null && channel.isActive();
  }

  /**
   * Closes the connection, made or being made; what completes once this side has closed it
   * (nothing yet if its channel is not set up, which then closes itself as it is).
   */
  Optional<ChannelFuture> close() {
    closeRequested = true;
    Channel made = channel;
    return made == null ? Optional.empty() : Optional.of(made.close());
  }

  /**
   * What the server, or the way to it, did to a peer: a refused join, a closed connection, a
   * handshake not answered. A type of its own, so that a bug of the generator's, which may
   * throw an IllegalStateException too, keeps its stack trace (LoadTest.expected).
   */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String message) {
      super(message, null, false, false); // where it was made says nothing: one handler
    }

    @Override
    public String toString() {
      return getMessage(); // "the run failed: connection closed", not the class's name
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        opened.complete(WsPeer.this);
      } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        opened.completeExceptionally(new Failure("the server accepted a connection but did not"
            + " answer its upgrade within " + HANDSHAKE_TIMEOUT_MILLIS / 1000 + " s"));
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      if (partnerSeen.isDone()) {
        onFrame.accept(frame.content());
        return;
      }
      String text = frame.text();
      if (!joined.isDone() && text.startsWith("{\"type\":\"session-joined\"")) {
        joined.complete(text);
        if (!text.contains("\"peers\":[]")) {
          partnerSeen.complete(null);
        }
      } else if (!partnerSeen.isDone() && text.startsWith("{\"type\":\"user-joined\"")) {
        partnerSeen.complete(null);
      } else if (text.startsWith("{\"type\":\"error\"") && !joined.isDone()) {
        joined.completeExceptionally(new Failure("join refused: " + text));
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // An upgrade the server refused (401, 403, 503), or answered with something not HTTP
      // (which Netty's decoder reports as status 999), is the server's answer, not a fault.
      opened.completeExceptionally(cause instanceof WebSocketHandshakeException refused
          ? new Failure("upgrade refused: " + refused.getMessage()) : cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      // Whatever was still awaited will not come: a storm waiting on it would hang.
      Failure closed = new Failure("connection closed");
      opened.completeExceptionally(closed);
      joined.completeExceptionally(closed);
      partnerSeen.completeExceptionally(closed);
      WsPeer.this.closed.complete(null);
    }
  }
}
