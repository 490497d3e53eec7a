package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import io.netty.channel.Channel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes a signaling connection once, from either side. A close frame goes after what is
 * already queued and nothing is sent after it; the output is shut once it has been written,
 * and the connection is closed when the client answers or closes its side, or after a grace
 * period at the latest, for a peer that no longer reads would otherwise hold its socket and
 * buffer forever. One per server.
 */
final class Closer {
  private static final AttributeKey<Boolean> CLOSING = AttributeKey.valueOf("tutorme.closing");

  private final SignalingStats stats;
  private final long graceMillis;

  Closer(SignalingStats stats, long graceMillis) {
    this.stats = stats;
    this.graceMillis = graceMillis;
  }

  /**
   * Closes the connection for this cause; from any thread. The close frame is queued on the
   * connection's loop behind what this thread has already sent it, and marks the connection
   * closing only there, so that a message sent just before the close (session-ended before
   * 4002) is not dropped as if it came after.
   */
  void close(Channel channel, CloseCode code) {
    OnLoop.run(channel, () -> closeOnLoop(channel, code), () -> {});
  }

  private void closeOnLoop(Channel channel, CloseCode code) {
    if (!startClosing(channel)) {
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
  }

  /**
   * Answers a close frame from the client: with the same frame (its code echoed, as RFC 6455
   * suggests) unless the server has already sent its own, and then closes the connection.
   */
  void answer(Channel channel, CloseWebSocketFrame received) {
    if (!startClosing(channel)) {
      channel.close(); // the client's answer to ours: the closing handshake is complete
      return;
    }
    channel.writeAndFlush(received.retain()).addListener(written -> channel.close());
  }

  /** Marks the connection closing and sets its deadline; false if it was already closing. */
  private boolean startClosing(Channel channel) {
    if (channel.attr(CLOSING).setIfAbsent(Boolean.TRUE) != null) {
      return false;
    }
    ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
      channel.close();
    }, graceMillis, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(closed -> deadline.cancel(false)); // let the channel go
    return true;
  }

  /** True once either side has begun to close: nothing more is sent, nothing acted on. */
  static boolean isClosing(Channel channel) {
    return channel.attr(CLOSING).get() != null;
  }
}
