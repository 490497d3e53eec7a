package com.tutorme.video.server.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.concurrent.TimeUnit;

/**
 * The generator's own event loops: by default two, so that it keeps up with the server on two
 * cores and leaves it its share; native epoll where it loads, as the server uses, so the
 * generator costs less per message.
 */
final class Clients implements AutoCloseable {
  private static final boolean EPOLL = Epoll.isAvailable();

  final EventLoopGroup group;
  final Bootstrap bootstrap;

  /** @param loops how many event loops (threads) the connections are spread over */
  Clients(int loops) {
    group = new MultiThreadIoEventLoopGroup(loops,
        EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
    bootstrap = new Bootstrap().group(group)
        .channel(EPOLL ? EpollSocketChannel.class : NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
  }
}
