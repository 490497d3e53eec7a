package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;

/**
 * Closes a signaling connection once, from either side. The server's close frame goes after
 * what is already queued, the output is shut once it has been written, and the connection is
 * closed when the client closes its side, or after a grace period at the latest, for a peer
 * that no longer reads would otherwise hold its socket and buffer forever.
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
    // Half-close once the close frame is out: a full close while the client is still sending
    // (a flood, say) makes its kernel reset the connection, and the client can lose the close
    // frame and its code. The client closes its side on reading the frame; Netty then closes.
    channel.writeAndFlush(new CloseWebSocketFrame(code.code(), code.reason()))
        .addListener(written -> {
          if (channel instanceof SocketChannel socket && socket.isActive()) {
            socket.shutdownOutput();
          } else {
            channel.close();
          }
        });
    channel.eventLoop().schedule(() -> {
      channel.close();
    }, GRACE_MILLIS, TimeUnit.MILLISECONDS);
  }

  /**
   * Answers a close frame from the client: with the same frame (its code echoed, as RFC 6455
   * suggests) unless the server has already sent its own, and then closes the connection.
   */
  static void answer(Channel channel, CloseWebSocketFrame received) {
    if (channel.attr(CLOSING).setIfAbsent(Boolean.TRUE) != null) {
      channel.close(); // the client's answer to ours: the handshake is complete
      return;
    }
    channel.writeAndFlush(received.retain()).addListener(ChannelFutureListener.CLOSE);
  }

  static boolean isClosing(Channel channel) {
    return channel.attr(CLOSING).get() != null;
  }
}
