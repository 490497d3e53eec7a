package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.protocol.SignalingCodec;
import com.tutorme.video.server.room.PeerSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;

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
    // Encoded straight into a pooled buffer as UTF-8, behind its frame header: no string, no
    // array, no second buffer per message.
    ByteBuf frame = TextFrames.start(channel.alloc(), 256);
    try {
      SignalingCodec.encodeUtf8(message, new ByteBufOutputStream(frame));
    } catch (RuntimeException e) {
      frame.release();
      throw e;
    }
    channel.writeAndFlush(TextFrames.finish(frame));
  }

  @Override
  public void close(CloseCode code) {
    Closer.close(channel, code, stats);
  }
}
