package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;

/**
 * Closes a signaling connection once: the close frame goes after what is already queued, and
 * the connection is closed when it has been written, or after a grace period at the latest, for
 * a peer that no longer reads would otherwise hold its socket and buffer forever.
 */
final class Closer {
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("tutorme.closing");
  static final long GRACE_MILLIS = 2_000;

  private Closer() {}

  static void close(Channel channel, CloseCode code, SignalingStats stats) {
    if (channel.attr(CLOSING).setIfAbsent(Boolean.TRUE) != null) {
      return;
    }
    stats.closed(code);
    channel.writeAndFlush(new CloseWebSocketFrame(code.code(), code.reason()))
        .addListener(ChannelFutureListener.CLOSE);
    channel.eventLoop().schedule(() -> {
      channel.close();
    }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  static boolean isClosing(Channel channel) {
    return channel.attr(CLOSING).get() != null;
  }
}
