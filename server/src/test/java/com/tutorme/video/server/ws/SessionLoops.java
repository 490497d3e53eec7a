package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.server.room.PeerSink;
import com.tutorme.video.storage.VideoSession;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Which event loops a session's connections live on, seen from inside the server. */
final class SessionLoops {
  private SessionLoops() {}

  /**
   * The loops of the session's two peers (the joiner is added just after user-joined). Checks
   * on the way that each peer's liveness timer runs on the loop the peer lives on.
   */
  static Set<EventLoop> of(ApiServer api, VideoSession session) {
    List<PeerSink> sinks = await().atMost(Duration.ofSeconds(5))
        .until(() -> api.server.rooms().sinksOf(session.id()), found -> found.size() == 2);
    Set<EventLoop> loops = new HashSet<>();
    for (PeerSink sink : sinks) {
      Channel channel = ((ChannelPeerSink) sink).channel();
      loops.add(channel.eventLoop());
      LivenessTimer liveness =
          ((SignalingHandler) channel.pipeline().get(WebSocketGate.SIGNALING)).liveness();
      assertThat(await().atMost(Duration.ofSeconds(5)).until(() -> channel.eventLoop().submit(
          liveness::timerLoop).get(), loop -> loop != null)).isSameAs(channel.eventLoop());
    }
    return loops;
  }

  /** The one loop both peers of the session share, or null while they are on two. */
  static EventLoop shared(ApiServer api, VideoSession session) {
    Set<EventLoop> loops = of(api, session);
    return loops.size() == 1 ? loops.iterator().next() : null;
  }
}
