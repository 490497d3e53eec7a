package com.tutorme.video.server.ws;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work for one signaling connection (a write, a close, a move) that cannot run where it was
 * handed over: it comes from another thread, or the connection is moving between event loops.
 * It waits here, in the order handed over, and runs on the connection's loop: whichever loop
 * that is by then, after the connection has arrived.
 *
 * <p>One queue per connection, rather than a task per piece of work on the loop's own queue,
 * because a connection can change loops while work waits: a task queued to the old loop just
 * before the change and the next one queued to the new loop just after it could run in either
 * order, and then, say, a 4002 close overtakes the session-ended it follows. Nothing may be
 * written to a connection between loops in any case: its socket has left the old loop's epoll
 * set, and output the socket cannot take at once would wait on that set.
 *
 * <p>The connection's own loop skips the queue when it is empty and no move is under way,
 * which is how nearly every relayed message is written ({@link #isHere}).
 */
final class Outbox {
  private static final Logger log = LoggerFactory.getLogger(Outbox.class);
  private static final AttributeKey<Outbox> KEY = AttributeKey.valueOf("tutorme.outbox");
  /** Work run per turn of the loop, so that a busy connection does not hold up the others. */
  private static final int BATCH = 64;

  private record Task(Runnable work, Runnable refused) {}

  private final Channel channel;
  private final Queue<Task> queue = new ConcurrentLinkedQueue<>();
  /** A drain is queued to a loop or running; one at a time keeps the order. */
  private final AtomicBoolean draining = new AtomicBoolean();
  private volatile boolean moving;

  private Outbox(Channel channel) {
    this.channel = channel;
  }

  /** Gives the connection its outbox: once, as its signaling handler is added. */
  static Outbox attach(Channel channel) {
    Outbox outbox = new Outbox(channel);
    channel.attr(KEY).set(outbox);
    return outbox;
  }

  /** The connection's outbox, or null if it has no signaling handler. */
  static Outbox of(Channel channel) {
    return channel.attr(KEY).get();
  }

  /** Work may run here and now: on the connection's loop, not leaving it, nothing waiting. */
  boolean isHere() {
    return !moving && channel.eventLoop().inEventLoop() && queue.isEmpty();
  }

  boolean isMoving() {
    return moving;
  }

  /** Work is waiting to run; for tests. */
  boolean hasWaiting() {
    return !queue.isEmpty();
  }

  /**
   * Runs the work on the connection's loop, now if it may, else after what waits; from any
   * thread. If the loop has shut down (the server is stopping), runs {@code refused} instead,
   * to release what the work would have.
   */
  void run(Runnable work, Runnable refused) {
    if (isHere()) {
      work.run();
      return;
    }
    queue.add(new Task(work, refused));
    scheduleDrain();
  }

  /** The connection is leaving its loop: work waits from now on. On its loop. */
  void depart() {
    moving = true;
  }

  /** The connection has arrived on its new loop: what waited runs first. On that loop. */
  void arrive() {
    moving = false;
    if (draining.compareAndSet(false, true)) {
      drain();
    } // else a drain queued to the old loop is on its way and will come here
  }

  /** The move failed and the connection is closed: what waited runs and finds it closed. */
  void abandon() {
    moving = false;
    scheduleDrain();
  }

  private void scheduleDrain() {
    // While moving, arrival drains. The check follows the caller's add and arrival's clear
    // precedes its last look at the queue, so one of the two sees the other's work.
    if (moving || !draining.compareAndSet(false, true)) {
      return;
    }
    try {
      channel.eventLoop().execute(this::drain);
    } catch (RejectedExecutionException e) {
      draining.set(false);
      refuseAll();
    }
  }

  private void drain() {
    if (moving || !channel.eventLoop().inEventLoop()) {
      // The connection moved after this was queued: its new loop drains, now or on arrival.
      draining.set(false);
      scheduleDrain();
      return;
    }
    int ran = 0;
    try {
      Task task;
      while (!moving && (task = queue.poll()) != null) { // work may start a move: then stop
        try {
          task.work().run();
        } catch (RuntimeException e) {
          log.warn("work for a signaling connection failed", e);
        }
        if (++ran == BATCH && !queue.isEmpty()) {
          break; // the loop's other connections wait too: the rest in a later turn
        }
      }
    } finally {
      draining.set(false);
      if (!queue.isEmpty()) {
        scheduleDrain(); // handed over after the last poll, or left for a later turn
      }
    }
  }

  private void refuseAll() {
    Task task;
    while ((task = queue.poll()) != null) {
      task.refused().run();
    }
  }
}
