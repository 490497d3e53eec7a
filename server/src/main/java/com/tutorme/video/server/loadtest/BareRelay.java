package com.tutorme.video.server.loadtest;

import com.tutorme.video.server.NettyDefaults;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The floor the relay is measured against: a WebSocket server on one event loop that pairs
 * connections by the session token of their first frame and then forwards every text frame to
 * the partner as it came. No JSON, no authentication, no limits, no flush batching. {@code
 * scripts/loadtest relay --bare} drives it as it drives the real server, so the two are
 * compared by one generator on one machine in one sitting.
 */
public final class BareRelay implements AutoCloseable {
  private static final String SESSION_TOKEN = "\"sessionToken\":\"";

  /** Connections whose partner has not come yet, by session token; touched on the one loop. */
  private final Map<String, Channel> waiting = new HashMap<>();
  private final EventLoopGroup loop;
  private final Channel server;
  private final boolean epoll = Epoll.isAvailable();

  private BareRelay(int port) throws InterruptedException {
    loop = new MultiThreadIoEventLoopGroup(1,
        epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/ws").checkStartsWith(true).subprotocols("tutorme-v1")
        .maxFramePayloadLength(65536).build();
    try {
      server = new ServerBootstrap().group(loop)
          .channel(epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class)
          .childHandler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel channel) {
              channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                  new WebSocketServerProtocolHandler(ws), new Peer());
            }
          })
          .bind("127.0.0.1", port).sync().channel();
    } catch (Throwable e) { // bind()'s failure too, an IOException that sync() rethrows
      loop.shutdownGracefully(); // else its thread kept the process alive
      throw e;
    }
  }

  /** Listens on 127.0.0.1:{@code port} (0 for any free port). */
  static BareRelay start(int port) throws InterruptedException {
    return new BareRelay(port);
  }

  int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  @Override
  public void close() {
    if (loop.isShuttingDown()) {
      return; // closed already: its loop takes no more work
    }
    server.close().syncUninterruptibly();
    loop.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Where {@code scripts/loadtest bare-relay} listens when given no port. */
  static final int DEFAULT_PORT = 18090;

  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = args.length == 0 ? DEFAULT_PORT : Integer.parseInt(args[0]);
      if (port < 1 || port > 65535) {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException e) {
      System.err.println("usage: BareRelay [port 1..65535] (default " + DEFAULT_PORT + ")");
      System.exit(2);
      return;
    }
    NettyDefaults.apply(); // as the real server's Main does
    BareRelay relay;
    try {
      relay = start(port);
    } catch (Exception e) { // sync() rethrows bind()'s IOException, undeclared
      System.err.println("bare relay: cannot listen on 127.0.0.1:" + port + ": "
          + e.getMessage());
      System.exit(4); // as the server's exit status for a port it cannot take
      return;
    }
    System.out.println("bare relay listening on ws://127.0.0.1:" + relay.port() + "/ws ("
        + (relay.epoll ? "epoll" : "nio") + ", one event loop), pid "
        + ProcessHandle.current().pid());
    relay.server.closeFuture().sync();
  }

  private final class Peer extends SimpleChannelInboundHandler<TextWebSocketFrame> {
    private Channel partner;

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
      if (partner != null) {
        partner.writeAndFlush(frame.retain());
        return;
      }
      // The generator's join: the only frame whose text is read. It answers as the real
      // server would, as far as the generator looks.
      String text = frame.text();
      int at = text.indexOf(SESSION_TOKEN);
      if (at < 0) {
        ctx.close();
        return;
      }
      int from = at + SESSION_TOKEN.length();
      String token = text.substring(from, Math.max(from, text.indexOf('"', from)));
      if (waiting.get(token) == ctx.channel()) {
        return; // joined twice while waiting: it is not its own partner
      }
      Channel first = waiting.remove(token);
      if (first == null) {
        waiting.put(token, ctx.channel());
        ctx.channel().closeFuture().addListener(closed -> waiting.remove(token, ctx.channel()));
        ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"session-joined\",\"peers\":[]}"));
        return;
      }
      partner = first;
      first.pipeline().get(Peer.class).partner = ctx.channel();
      ctx.writeAndFlush(new TextWebSocketFrame("{\"type\":\"session-joined\",\"peers\":[{}]}"));
      first.writeAndFlush(new TextWebSocketFrame("{\"type\":\"user-joined\"}"));
    }
  }
}
