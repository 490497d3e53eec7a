package com.tutorme.video.server.ws;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.ArrayDeque;

/**
 * A connection between event loops: deregistered from one, not yet registered with the next.
 * Nothing may be written to it meanwhile (its socket has left the old loop's epoll set, and a
 * write the socket cannot take at once would wait on that set), so work for it is held, in the
 * order the loops ran it, and run on the new loop when it arrives, before anything newer.
 *
 * <p>Work is held only where it runs, on the connection's loop ({@link OnLoop}), never where it
 * is submitted: a thread's task queued to the old loop before the move and its next one are
 * then held in that order, or the first is held and the second, queued to the new loop, waits
 * behind the arrival.
 */
final class InTransit {
  private static final AttributeKey<InTransit> KEY = AttributeKey.valueOf("tutorme.inTransit");

  private final ArrayDeque<Runnable> held = new ArrayDeque<>();
  private boolean arrived;

  private InTransit() {}

  /** Marks the connection in transit; on its loop. Null if it already is. */
  static InTransit depart(Channel channel) {
    InTransit transit = new InTransit();
    return channel.attr(KEY).setIfAbsent(transit) == null ? transit : null;
  }

  static boolean isMoving(Channel channel) {
    return channel.attr(KEY).get() != null;
  }

  /** Holds the work if the connection is in transit; on its loop. False: run it now. */
  static boolean hold(Channel channel, Runnable work) {
    InTransit transit = channel.attr(KEY).get();
    if (transit == null) {
      return false;
    }
    synchronized (transit) {
      if (transit.arrived) {
        return false;
      }
      transit.held.add(work);
      return true;
    }
  }

  /**
   * Runs the held work in order, then lets new work through; on the new loop, or wherever the
   * move failed (the work then meets a closed connection and releases what it carries).
   */
  void arrive(Channel channel) {
    while (true) {
      Runnable next;
      synchronized (this) {
        next = held.poll();
        if (next == null) {
          arrived = true;
          channel.attr(KEY).compareAndSet(this, null);
          return;
        }
      }
      next.run(); // work it submits for this connection is held behind the rest
    }
  }
}
