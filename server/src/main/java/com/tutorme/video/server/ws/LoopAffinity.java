package com.tutorme.video.server.ws;

import com.tutorme.video.server.room.PeerSink;
import com.tutorme.video.server.room.RoomRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts both peers of a session on one event loop. A message relayed between peers on two loops
 * is handed across threads and wakes the other loop (an eventfd write and one more epoll_wait
 * per message); on one loop the relay writes to the partner's socket in the same turn that
 * read it. Measured at 5,000 msg/s, that hand-off was a third of the server's CPU.
 *
 * <p>Netty picks a connection's loop at accept, before anyone knows its session, so a joining
 * connection whose partner is on another loop is moved there: deregistered from its loop and
 * registered with the partner's, which Netty supports (its issue 14923, fixed in 4.2.0). A
 * session's first peer is moved too when the {@link LoopBalancer} keeps its loop idle. The
 * liveness timer is scheduled on the old loop, so it is stopped before a move and started again
 * on the new loop; work for the connection meanwhile waits in its {@link Outbox}, and data from
 * its client in the kernel.
 */
final class LoopAffinity {
  private static final Logger log = LoggerFactory.getLogger(LoopAffinity.class);

  private final RoomRegistry rooms;
  private final boolean enabled;
  private final LoopBalancer balancer;

  /** @param balancer where a session's first peer goes; null: it stays where it was accepted */
  LoopAffinity(RoomRegistry rooms, boolean enabled, LoopBalancer balancer) {
    this.rooms = rooms;
    this.enabled = enabled;
    this.balancer = balancer;
  }

  /**
   * The loop this connection should move to before joining the session: that of a peer already
   * in the room, or for the room's first peer the balancer's choice; null to stay where it is.
   */
  EventLoop loopForJoin(String sessionId, Channel channel) {
    if (!enabled) {
      return null;
    }
    EventLoop target = null;
    for (PeerSink sink : rooms.sinksOf(sessionId)) {
      if (sink instanceof ChannelPeerSink partner && partner.channel() != channel
          && partner.channel().isActive()) {
        target = partner.channel().eventLoop();
        break;
      }
    }
    if (target == null && balancer != null) {
      target = balancer.loopForNewSession(channel.eventLoop());
    }
    return target == channel.eventLoop() ? null : target;
  }

  /**
   * Moves the channel to {@code target} and then runs {@code arrived} on it. Must be called on
   * the channel's current loop. Returns false, and does nothing, if the channel is already
   * moving or the target is shutting down. If the move fails the connection is closed (a peer
   * cannot be left unregistered), {@code lost} is run in place of its channelInactive, which a
   * channel closed between loops does not fire, and {@code arrived} is not run; if the
   * connection closes meanwhile, {@code arrived} sees it closed.
   */
  static boolean move(Channel channel, Outbox outbox, LivenessTimer liveness, EventLoop target,
      Runnable arrived, Runnable lost) {
    if (outbox.isMoving() || target.isShuttingDown()) {
      return false;
    }
    outbox.depart(); // work for the connection waits from now on
    // Netty leaves the channel on this loop until a later task: nothing is read meanwhile, so
    // nothing the client sends is acted on while its answers would wait.
    channel.config().setAutoRead(false);
    liveness.pause(); // its timer is a task of the old loop
    channel.deregister().addListener(deregistered -> {
      if (!deregistered.isSuccess()) {
        fail(channel, outbox, deregistered.cause(), lost);
        return;
      }
      // Told on whichever thread settles it: the new loop once registered there, or this one
      // if that loop refuses the channel (a promise of the loop's own would tell that loop,
      // which, shutting down, never would).
      ChannelPromise registered =
          new DefaultChannelPromise(channel, ImmediateEventExecutor.INSTANCE);
      registered.addListener(done -> {
        if (!done.isSuccess()) {
          fail(channel, outbox, done.cause(), lost);
          return;
        }
        // On the new loop, inside Netty's registration.
        outbox.arrive();
        if (outbox.isMoving()) {
          arrived.run(); // what waited asked for another move: its arrival does the rest
          return;
        }
        // Output the socket could not take before the move waits for it to drain, and the
        // move dropped the loop's watch on that: the next write would resume it; this does.
        channel.flush();
        channel.config().setAutoRead(true); // what the client sent meanwhile is read here
        liveness.resume();
        arrived.run();
      });
      target.register(registered);
    });
    return true;
  }

  private static void fail(Channel channel, Outbox outbox, Throwable cause, Runnable lost) {
    if (channel.isOpen()) {
      log.warn("could not move a signaling connection to another event loop", cause);
    }
    channel.close();
    outbox.abandon();
    lost.run();
  }
}
