package com.tutorme.video.protocol;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Writes the relayed ICE candidate, the message a call sends most, straight into bytes when
 * every string in it is printable ASCII other than a quote or a backslash, as candidate lines,
 * mids, username fragments and peer ids are. The JSON of such a string is its characters, so
 * it needs neither escaping nor a generator: Jackson's generator set-up, escaping tables and
 * flushing were most of the encoding's cost in a profile of the relay. Anything else declines
 * and is left to {@link RelayedMessageWriter}. The bytes are the ones databind writes (the
 * tests compare the two).
 */
final class AsciiCandidateWriter {
  private static final byte[] START = ascii("{\"type\":\"ice-candidate\",\"candidate\":");
  private static final byte[] CANDIDATE = ascii("{\"candidate\":");
  private static final byte[] SDP_MID = ascii(",\"sdpMid\":");
  private static final byte[] SDP_M_LINE_INDEX = ascii(",\"sdpMLineIndex\":");
  private static final byte[] USERNAME_FRAGMENT = ascii(",\"usernameFragment\":");
  private static final byte[] FROM = ascii("},\"from\":");
  private static final byte[] FROM_AFTER_NULL = ascii(",\"from\":");
  private static final byte[] PEER_ID = ascii("{\"peerId\":");
  private static final byte[] USER_ID = ascii(",\"userId\":");
  private static final byte[] ROLE = ascii(",\"role\":");
  private static final byte[] NULL = ascii("null");
  private static final byte[] END = ascii("}");
  /** Declined: a string that needs escaping, or a message too long for the scratch array. */
  private static final int DECLINED = -1;
  /** Room for a whole candidate at its limits and a sender with ids of a usual length. */
  private static final int CAPACITY = 4096;
  /** A message is gathered here and written in one call; one array per thread, reused. */
  private static final ThreadLocal<byte[]> SCRATCH =
      ThreadLocal.withInitial(() -> new byte[CAPACITY]);

  private AsciiCandidateWriter() {}

  /** Writes {@code message} and returns true, or returns false having written nothing. */
  static boolean write(ServerMessage.IceCandidate message, OutputStream out) throws IOException {
    byte[] bytes = SCRATCH.get();
    int at = put(bytes, 0, START);
    ClientMessage.Candidate candidate = message.candidate();
    if (candidate == null) { // the end of candidates
      at = put(bytes, put(bytes, at, NULL), FROM_AFTER_NULL);
    } else {
      at = string(bytes, put(bytes, at, CANDIDATE), candidate.candidate());
      at = string(bytes, put(bytes, at, SDP_MID), candidate.sdpMid());
      at = number(bytes, put(bytes, at, SDP_M_LINE_INDEX), candidate.sdpMLineIndex());
      at = string(bytes, put(bytes, at, USERNAME_FRAGMENT), candidate.usernameFragment());
      at = put(bytes, at, FROM);
    }
    Sender from = message.from();
    if (from == null) {
      at = put(bytes, at, NULL);
    } else {
      at = string(bytes, put(bytes, at, PEER_ID), from.peerId());
      at = string(bytes, put(bytes, at, USER_ID), from.userId());
      at = string(bytes, put(bytes, at, ROLE), from.role());
      at = put(bytes, at, END);
    }
    at = put(bytes, at, END);
    if (at == DECLINED) {
      return false;
    }
    out.write(bytes, 0, at);
    return true;
  }

  /** Puts {@code value} at {@code at}; the position after it, or DECLINED. */
  private static int put(byte[] bytes, int at, byte[] value) {
    if (at == DECLINED || at + value.length > bytes.length) {
      return DECLINED;
    }
    System.arraycopy(value, 0, bytes, at, value.length);
    return at + value.length;
  }

  private static int string(byte[] bytes, int at, String value) {
    if (value == null) {
      return put(bytes, at, NULL);
    }
    int length = value.length();
    if (at == DECLINED || at + length + 2 > bytes.length) {
      return DECLINED;
    }
    bytes[at++] = '"';
    for (int i = 0; i < length; i++) {
      char c = value.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return DECLINED; // Jackson escapes it, or writes it as more than one byte
      }
      bytes[at++] = (byte) c;
    }
    bytes[at++] = '"';
    return at;
  }

  /** A non-negative number (sdpMLineIndex is 0 to 1023) in decimal, as Jackson writes it. */
  private static int number(byte[] bytes, int at, Integer value) {
    if (value == null) {
      return put(bytes, at, NULL);
    }
    int number = value;
    int digits = 1;
    for (int rest = number / 10; rest > 0; rest /= 10) {
      digits++;
    }
    if (number < 0 || at == DECLINED || at + digits > bytes.length) {
      return DECLINED;
    }
    for (int i = at + digits - 1; i >= at; i--) {
      bytes[i] = (byte) ('0' + number % 10);
      number /= 10;
    }
    return at + digits;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
