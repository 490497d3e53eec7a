package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.protocol.SignalingCodec;
import com.tutorme.video.server.room.PeerSink;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

/**
 * A peer's WebSocket. A peer whose outbound buffer is over the high water mark has stopped
 * reading; rather than buffer without bound, the next message closes it as a slow consumer.
 */
final class ChannelPeerSink implements PeerSink {
  private final Channel channel;
  private final SignalingStats stats;

  ChannelPeerSink(Channel channel, SignalingStats stats) {
    this.channel = channel;
    this.stats = stats;
  }

  Channel channel() {
    return channel;
  }

  @Override
  public void send(ServerMessage message) {
    if (Closer.isClosing(channel)) {
      return;
    }
    if (!channel.isWritable()) {
      close(CloseCode.SLOW_CONSUMER);
      return;
    }
    // Encoded straight to UTF-8 bytes: a String would only be converted again.
    channel.writeAndFlush(new TextWebSocketFrame(
        Unpooled.wrappedBuffer(SignalingCodec.encodeUtf8(message))));
  }

  @Override
  public void close(CloseCode code) {
    Closer.close(channel, code, stats);
  }
}
