package com.tutorme.video.server.loadtest;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The server's {@code error} replies among the frames a relay receives: a message it refused (a
 * rate limit, a size) is never relayed, and a run that counted it only as lost would not say
 * why.
 */
final class ServerErrors {
  private static final byte[] ERROR = "{\"type\":\"error\"".getBytes(StandardCharsets.UTF_8);
  /** Enough for the code and the message; the rest is the offending message's id. */
  private static final int DESCRIBED_BYTES = 300;

  private ServerErrors() {}

  static boolean isError(ByteBuf frame) {
    if (frame.readableBytes() < ERROR.length) {
      return false;
    }
    for (int i = 0; i < ERROR.length; i++) {
      if (frame.getByte(frame.readerIndex() + i) != ERROR[i]) {
        return false;
      }
    }
    return true;
  }

  /** The error as the server wrote it, cut short. */
  static String describe(ByteBuf frame) {
    return frame.toString(frame.readerIndex(), Math.min(frame.readableBytes(), DESCRIBED_BYTES),
        StandardCharsets.UTF_8);
  }
}
