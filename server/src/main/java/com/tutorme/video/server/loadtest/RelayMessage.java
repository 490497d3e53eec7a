package com.tutorme.video.server.loadtest;

import com.tutorme.video.protocol.Limits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The relayed message: an ICE-candidate-sized {@code ice-candidate} whose candidate string
 * ends with the generator's send time ({@code ts=<System.nanoTime()>}). Built from fixed bytes
 * around the time, and read back without decoding the frame to a string, so that the
 * generator's own cost per message stays small next to the server's.
 */
final class RelayMessage {
  private static final byte[] TYPE = "{\"type\":\"ice-candidate\"".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TIME_MARK = " ts=".getBytes(StandardCharsets.UTF_8);
  private static final byte[] SUFFIX = "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}"
      .getBytes(StandardCharsets.UTF_8);
  /** The message up to its candidate string's first character. */
  private static final String CANDIDATE_START =
      "{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"";
  private static final String CANDIDATE = CANDIDATE_START
      + "candidate:842163049 1 udp 1677729535 203.0.113.7 46154 typ srflx"
      + " raddr 10.0.0.4 rport 46154 generation 0 ufrag EsAw network-cost 999 ";
  /** Digits of a typical System.nanoTime(). */
  private static final int TIME_DIGITS = 15;
  /** Digits of the largest. */
  private static final int MAX_TIME_DIGITS = 19;

  /** The smallest message: the candidate and the time, unpadded. */
  static final int MIN_BYTES =
      CANDIDATE.length() + TIME_MARK.length + TIME_DIGITS + SUFFIX.length;
  /**
   * The largest message whose candidate string the server takes (the protocol's limit on it,
   * with the longest time); a larger one would be answered with an error, never relayed.
   */
  static final int MAX_BYTES = MIN_BYTES + Limits.MAX_CANDIDATE_CHARS
      - (CANDIDATE.length() - CANDIDATE_START.length() + TIME_MARK.length + MAX_TIME_DIGITS);

  private final byte[] prefix;

  /**
   * @param approximateBytes the size of the message as sent, padded up to it: {@link
   *     #MIN_BYTES} to {@link #MAX_BYTES}
   */
  RelayMessage(int approximateBytes) {
    if (approximateBytes < MIN_BYTES || approximateBytes > MAX_BYTES) {
      throw new IllegalArgumentException("a relayed message has " + MIN_BYTES + ".." + MAX_BYTES
          + " bytes");
    }
    this.prefix = (CANDIDATE + "x".repeat(approximateBytes - MIN_BYTES) + " ts=")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The message stamped with {@code sentAtNanos}, in a buffer from {@code alloc}. */
  ByteBuf encode(ByteBufAllocator alloc, long sentAtNanos) {
    ByteBuf buffer = alloc.buffer(prefix.length + 20 + SUFFIX.length);
    buffer.writeBytes(prefix);
    writeDecimal(buffer, sentAtNanos);
    return buffer.writeBytes(SUFFIX);
  }

  /**
   * The send time carried by a relayed copy of this message (the server adds {@code from}),
   * or -1 for any other frame.
   */
  static long sentAtNanos(ByteBuf frame) {
    int start = frame.readerIndex();
    int end = frame.writerIndex();
    if (end - start < TYPE.length || !startsWith(frame, start, TYPE)) {
      return -1;
    }
    // Forward: the server writes the candidate before the sender it stamps, whose name could
    // hold anything. Found by its '=', which the candidate holds nowhere else, with Netty's
    // word-at-a-time search rather than a comparison at every byte.
    int from = start + TYPE.length;
    while (true) {
      int equals = frame.indexOf(from, end, (byte) '=');
      if (equals < 0) {
        return -1;
      }
      int at = equals + 1 - TIME_MARK.length;
      if (at >= start && startsWith(frame, at, TIME_MARK)) {
        long value = 0;
        int digits = 0;
        for (int i = equals + 1; i < end && digits < 19; i++, digits++) {
          byte b = frame.getByte(i);
          if (b < '0' || b > '9') {
            break;
          }
          value = value * 10 + (b - '0');
        }
        return digits == 0 ? -1 : value;
      }
      from = equals + 1;
    }
  }

  private static boolean startsWith(ByteBuf frame, int at, byte[] bytes) {
    if (at + bytes.length > frame.writerIndex()) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (frame.getByte(at + i) != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static void writeDecimal(ByteBuf buffer, long value) {
    if (value < 0) {
      throw new IllegalArgumentException("a send time is not negative");
    }
    byte[] digits = new byte[20];
    int at = digits.length;
    do {
      digits[--at] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    buffer.writeBytes(digits, at, digits.length - at);
  }
}
