package com.tutorme.video.server.ws;

import com.tutorme.video.server.room.PeerSink;
import com.tutorme.video.server.room.RoomRegistry;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
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
 * on the new loop; work for the connection meanwhile is held until it arrives
 * ({@link InTransit}), and data from its client waits in the kernel.
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
   * the channel's current loop; does nothing if the channel is already moving. If the move
   * fails the connection is closed (a peer cannot be left unregistered), {@code lost} is run
   * in place of its channelInactive, which a channel closed between loops does not fire, and
   * {@code arrived} is not run; if the connection closes meanwhile, {@code arrived} sees it
   * closed.
   */
  static void move(Channel channel, LivenessTimer liveness, EventLoop target, Runnable arrived,
      Runnable lost) {
    InTransit transit = InTransit.depart(channel);
    if (transit == null) {
      return;
    }
    liveness.pause(); // its timer is a task of the old loop
    channel.deregister().addListener(deregistered -> {
      if (!deregistered.isSuccess()) {
        fail(channel, transit, deregistered.cause(), lost);
        return;
      }
      target.register(channel).addListener(registered -> {
        if (!registered.isSuccess()) {
          fail(channel, transit, registered.cause(), lost);
          return;
        }
        // Listeners of the registration run on the channel's (new) loop.
        transit.arrive(channel);
        // Output the socket could not take before the move waits for it to drain, and the
        // move dropped the loop's watch on that: the next write would resume it; this does.
        channel.flush();
        liveness.resume();
        arrived.run();
      });
    });
  }

  private static void fail(Channel channel, InTransit transit, Throwable cause, Runnable lost) {
    if (channel.isOpen()) {
      log.warn("could not move a signaling connection to another event loop", cause);
    }
    channel.close();
    transit.arrive(channel);
    lost.run();
  }
}
