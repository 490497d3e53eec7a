package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * A text frame's bytes as an array and offset, for the UTF-8 check and the decoder, without a
 * string of the frame and without an array per message: a heap buffer lends its own array; a
 * direct buffer's bytes are copied into the loop's scratch array, which the decoder is done
 * with before anything else runs on that loop.
 */
final class FrameBytes {
  /** Each loop's copy of the message being read; a message is at most MAX_FRAME_BYTES. */
  private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[Limits.MAX_FRAME_BYTES];
    }
  };

  private FrameBytes() {}

  /** The array holding the frame's readable bytes, from {@link #offset}; copied if need be. */
  static byte[] array(ByteBuf frame) {
    if (frame.hasArray()) {
      return frame.array();
    }
    int length = frame.readableBytes();
    byte[] bytes = length <= Limits.MAX_FRAME_BYTES ? SCRATCH.get() : new byte[length];
    frame.getBytes(frame.readerIndex(), bytes, 0, length);
    return bytes;
  }

  /** Where the frame's bytes start in {@link #array}'s answer. */
  static int offset(ByteBuf frame) {
    return frame.hasArray() ? frame.arrayOffset() + frame.readerIndex() : 0;
  }
}
