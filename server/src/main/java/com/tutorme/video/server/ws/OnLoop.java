package com.tutorme.video.server.ws;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs work on a connection's event loop: at once when already there, else queued in order.
 * A connection can move to another loop while work waits on the old one; the work then
 * follows it rather than run on a loop the connection has left, and work that finds it
 * between loops waits for it to arrive ({@link InTransit}).
 */
final class OnLoop {
  private OnLoop() {}

  /**
   * Runs {@code work} on the channel's loop; tasks one thread queues run in the order queued.
   * If the loop has shut down (the server is stopping), runs {@code refused} instead, on this
   * thread, to release what the work would have.
   */
  static void run(Channel channel, Runnable work, Runnable refused) {
    EventLoop loop = channel.eventLoop();
    if (loop.inEventLoop()) {
      if (!InTransit.hold(channel, work)) {
        work.run();
      }
      return;
    }
    try {
      loop.execute(() -> run(channel, work, refused));
    } catch (RejectedExecutionException e) {
      refused.run();
    }
  }
}
