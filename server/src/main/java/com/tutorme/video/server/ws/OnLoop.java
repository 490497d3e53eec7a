package com.tutorme.video.server.ws;

import io.netty.channel.Channel;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs work on a connection's event loop, in the order handed over, through its
 * {@link Outbox}; a connection without one (no signaling handler yet) has the work queued to
 * its loop directly, as it cannot be moving.
 */
final class OnLoop {
  private OnLoop() {}

  /**
   * Runs {@code work} on the channel's loop: at once when already there and nothing waits.
   * If the loop has shut down (the server is stopping), runs {@code refused} instead, to
   * release what the work would have.
   */
  static void run(Channel channel, Runnable work, Runnable refused) {
    Outbox outbox = Outbox.of(channel);
    if (outbox != null) {
      outbox.run(work, refused);
    } else if (channel.eventLoop().inEventLoop()) {
      work.run();
    } else {
      try {
        channel.eventLoop().execute(work);
      } catch (RejectedExecutionException e) {
        refused.run();
      }
    }
  }
}
