package com.tutorme.video.server.ws;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Builds a server's WebSocket text frame in the buffer its payload is encoded into: room for
 * the header is kept in front, and the header written there once the payload's length is
 * known. Netty's frame encoder would instead allocate a second buffer and copy a small
 * payload into it after the header, for every message relayed. A buffer written here goes
 * through the encoder untouched (it encodes frame objects only), so pings and close frames,
 * which remain objects, keep their order with it.
 */
final class TextFrames {
  /** The longest header of an unmasked frame: two bytes and a 64-bit length. */
  private static final int MAX_HEADER = 10;
  private static final int FIN_TEXT = 0x81;

  private TextFrames() {}

  /** A buffer to write one frame's payload into. */
  static ByteBuf start(ByteBufAllocator alloc, int expectedPayload) {
    ByteBuf frame = alloc.buffer(MAX_HEADER + expectedPayload);
    frame.writerIndex(MAX_HEADER);
    return frame;
  }

  /** Puts the header before the payload written since {@link #start}; returns the frame. */
  static ByteBuf finish(ByteBuf frame) {
    int length = frame.writerIndex() - MAX_HEADER;
    int at;
    if (length < 126) {
      at = MAX_HEADER - 2;
      frame.setByte(at + 1, length);
    } else if (length <= 0xFFFF) {
      at = MAX_HEADER - 4;
      frame.setByte(at + 1, 126);
      frame.setShort(at + 2, length);
    } else {
      at = 0;
      frame.setByte(1, 127);
      frame.setLong(2, length);
    }
    frame.setByte(at, FIN_TEXT);
    return frame.readerIndex(at);
  }
}
