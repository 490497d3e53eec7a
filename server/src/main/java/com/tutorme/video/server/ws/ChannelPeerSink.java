package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.protocol.SignalingCodec;
import com.tutorme.video.server.room.PeerSink;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A peer's WebSocket. A peer whose outbound buffer is over the high water mark has stopped
 * reading; rather than buffer without bound, the next message closes it as a slow consumer.
 */
final class ChannelPeerSink implements PeerSink {
  private final Channel channel;
  private final AtomicBoolean closing = new AtomicBoolean();

  ChannelPeerSink(Channel channel) {
    this.channel = channel;
  }

  @Override
  public void send(ServerMessage message) {
    if (closing.get()) {
      return;
    }
    if (!channel.isWritable()) {
      close(CloseCode.SLOW_CONSUMER);
      return;
    }
    channel.writeAndFlush(new TextWebSocketFrame(SignalingCodec.encode(message)));
  }

  @Override
  public void close(CloseCode code) {
    closeChannel(channel, code, closing);
  }

  /** Sends the close frame after what is queued, then closes; once per channel. */
  static void closeChannel(Channel channel, CloseCode code, AtomicBoolean once) {
    if (once.compareAndSet(false, true)) {
      channel.writeAndFlush(new CloseWebSocketFrame(code.code(), code.reason()))
          .addListener(ChannelFutureListener.CLOSE);
    }
  }
}
