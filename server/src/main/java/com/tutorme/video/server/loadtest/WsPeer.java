package com.tutorme.video.server.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler.ClientHandshakeStateEvent;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One generated client: a Netty WebSocket connection that hands every text frame on. */
final class WsPeer {
  private final CompletableFuture<WsPeer> open = new CompletableFuture<>();
  final CompletableFuture<String> joined = new CompletableFuture<>();
  final CompletableFuture<Void> partnerSeen = new CompletableFuture<>();
  private volatile Consumer<String> onText = text -> { };
  private Channel channel;

  static CompletableFuture<WsPeer> connect(Bootstrap base, URI server, String token) {
    WsPeer peer = new WsPeer();
    URI ws = URI.create(server.toString().replaceFirst("^http", "ws") + "/ws?access_token="
        + token);
    WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
        .webSocketUri(ws).subprotocol("tutorme-v1").maxFramePayloadLength(65536)
        .handleCloseFrames(true).build();
    base.clone().handler(new ChannelInitializer<SocketChannel>() {
      @Override
      protected void initChannel(SocketChannel ch) {
        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
            new WebSocketClientProtocolHandler(config), peer.new Handler());
      }
    }).connect(ws.getHost(), ws.getPort()).addListener(done -> {
      if (!done.isSuccess()) {
        peer.open.completeExceptionally(done.cause());
      }
    });
    return peer.open;
  }

  void onText(Consumer<String> listener) {
    this.onText = listener;
  }

  void send(String text) {
    channel.writeAndFlush(new TextWebSocketFrame(text));
  }

  boolean isOpen() {
    return channel != null && channel.isActive();
  }

  void close() {
    if (channel != null) {
      channel.close();
    }
  }

  private final class Handler extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
      if (evt == ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
        channel = ctx.channel();
        open.complete(WsPeer.this);
      } else if (evt == ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
        open.completeExceptionally(new IllegalStateException("handshake timed out"));
      }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      String text = frame.text();
      if (!joined.isDone() && text.startsWith("{\"type\":\"session-joined\"")) {
        joined.complete(text);
        if (!text.contains("\"peers\":[]")) {
          partnerSeen.complete(null);
        }
      } else if (!partnerSeen.isDone() && text.startsWith("{\"type\":\"user-joined\"")) {
        partnerSeen.complete(null);
      } else if (text.startsWith("{\"type\":\"error\"") && !joined.isDone()) {
        joined.completeExceptionally(new IllegalStateException("join refused: " + text));
      }
      onText.accept(text);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      open.completeExceptionally(cause);
      ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      open.completeExceptionally(new IllegalStateException("connection closed"));
      joined.completeExceptionally(new IllegalStateException("connection closed"));
    }
  }
}
