package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;

/**
 * A text message arriving in fragments, gathered until its last, here rather than in a
 * WebSocketFrameAggregator: that would be one more pipeline stage for every frame, for the rare
 * message that comes in parts. Netty's decoder has checked the order of fragments. One per
 * connection, touched on its loop.
 */
final class FragmentedText {
  /** The parts so far; null between messages. */
  private ByteBuf parts;

  boolean isOpen() {
    return parts != null;
  }

  /** Begins a message, dropping any unfinished one; its parts follow through {@link #add}. */
  void begin(ByteBufAllocator alloc, int sizeHint) {
    drop();
    parts = alloc.heapBuffer(sizeHint);
  }

  /** Adds a part; false, with the message dropped, when it would exceed MAX_FRAME_BYTES. */
  boolean add(WebSocketFrame part) {
    if (parts.readableBytes() + part.content().readableBytes() > Limits.MAX_FRAME_BYTES) {
      drop();
      return false;
    }
    parts.writeBytes(part.content());
    return true;
  }

  /** The whole message, once its last part is in; valid until {@link #drop}. */
  ByteBuf whole() {
    return parts;
  }

  /** Releases the parts; safe to call when there are none. */
  void drop() {
    if (parts != null) {
      parts.release();
      parts = null;
    }
  }
}
