package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.protocol.SignalingCodec;
import com.tutorme.video.server.room.PeerSink;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;

/**
 * A peer's WebSocket. A peer whose outbound buffer is over the high water mark has stopped
 * reading; rather than buffer without bound, the next message closes it as a slow consumer.
 */
final class ChannelPeerSink implements PeerSink {
  private final Channel channel;
  private final Outbox outbox;
  private final Closer closer;
  private final SignalingHandler owner;

  ChannelPeerSink(Channel channel, Outbox outbox, Closer closer, SignalingHandler owner) {
    this.channel = channel;
    this.outbox = outbox;
    this.closer = closer;
    this.owner = owner;
  }

  Channel channel() {
    return channel;
  }

  /**
   * Moves the connection, joined to a session, to another event loop; from any thread. Does
   * nothing if it is not in a session, is closing, joining or already moving by then.
   */
  void moveTo(EventLoop target) {
    outbox.run(() -> owner.moveTo(target), () -> {});
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
    TextFrames.finish(frame);
    if (outbox.isHere()) {
      channel.writeAndFlush(frame); // nearly always: loop affinity put the partner here
      return;
    }
    // From another thread the connection may begin closing between the check above and the
    // write: checked again on its loop, where the close frame is written, nothing can follow
    // that frame. (Netty would hand the write to the loop anyway: no extra hop.)
    outbox.run(() -> {
      if (Closer.isClosing(channel)) {
        frame.release();
      } else {
        channel.writeAndFlush(frame);
      }
    }, frame::release);
  }

  @Override
  public void close(CloseCode code) {
    closer.close(channel, code);
  }
}
