package com.tutorme.video.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/** The socket transport: native epoll on Linux when its library loads, NIO elsewhere. */
record Transport(String name, IoHandlerFactory ioHandlerFactory,
    Class<? extends ServerSocketChannel> serverChannelType) {

  static Transport best() {
    if (Epoll.isAvailable()) {
      return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class);
    }
    return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class);
  }

  /**
   * Loop threads named for their job ({@code tutorme-loop-2-1}), so that a thread dump of an
   * application embedding the server tells ours from its own Netty's.
   */
  MultiThreadIoEventLoopGroup newGroup(String name, int threads) {
    return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name),
        ioHandlerFactory);
  }
}
