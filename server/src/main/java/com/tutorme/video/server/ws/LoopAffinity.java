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
 * registered with the partner's, which Netty supports (its issue 14923, fixed in 4.2.0). The
 * move happens before the peer enters the room, so no other thread writes to it meanwhile; data
 * that arrives during the move waits in the kernel and is read on the new loop. The liveness
 * timer is scheduled on the old loop, so it is stopped before the move and started again on
 * the new loop.
 */
final class LoopAffinity {
  private static final Logger log = LoggerFactory.getLogger(LoopAffinity.class);

  private final RoomRegistry rooms;
  private final boolean enabled;
  private final SignalingStats stats;

  LoopAffinity(RoomRegistry rooms, boolean enabled, SignalingStats stats) {
    this.rooms = rooms;
    this.enabled = enabled;
    this.stats = stats;
  }

  /**
   * The loop this connection should move to before joining the session: that of a peer already
   * in the room, or null when it is already there, the room is empty, or affinity is off.
   */
  EventLoop partnerLoop(String sessionId, Channel channel) {
    if (!enabled) {
      return null;
    }
    for (PeerSink sink : rooms.sinksOf(sessionId)) {
      if (sink instanceof ChannelPeerSink partner && partner.channel() != channel
          && partner.channel().isActive()) {
        EventLoop loop = partner.channel().eventLoop();
        return loop == channel.eventLoop() ? null : loop;
      }
    }
    return null;
  }

  /**
   * Moves the channel to {@code target} and then runs {@code arrived} on it. Must be called on
   * the channel's current loop. If the move fails the connection is closed (a peer cannot be
   * left unregistered) and {@code arrived} is not run; if the connection closes meanwhile,
   * {@code arrived} sees it closed.
   */
  void move(Channel channel, LivenessTimer liveness, EventLoop target, Runnable arrived) {
    liveness.pause(); // its timer is a task of the old loop
    channel.deregister().addListener(deregistered -> {
      if (!deregistered.isSuccess()) {
        fail(channel, deregistered.cause());
        return;
      }
      target.register(channel).addListener(registered -> {
        if (!registered.isSuccess()) {
          fail(channel, registered.cause());
          return;
        }
        // Listeners of the registration run on the channel's (new) loop.
        liveness.resume();
        stats.movedToPartnerLoop();
        arrived.run();
      });
    });
  }

  private static void fail(Channel channel, Throwable cause) {
    if (channel.isOpen()) {
      log.warn("could not move a signaling connection to its partner's event loop", cause);
    }
    channel.close();
  }
}
