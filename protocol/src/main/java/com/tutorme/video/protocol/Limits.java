package com.tutorme.video.protocol;

/**
 * The protocol's published bounds. The server enforces them; clients can rely on them.
 *
 * <p>Why these numbers: an SDP offer with audio, video and screen share is 5–15 KB, so a frame
 * of 64 KiB leaves room while keeping a single frame cheap to buffer; ICE gathering sends
 * bursts of tens of candidates, so the message rate allows a burst well above the steady rate.
 */
public final class Limits {
  private Limits() {}

  /** Largest text frame the server reads; larger ones are closed with 1009. */
  public static final int MAX_FRAME_BYTES = 64 * 1024;
  /** Deepest JSON nesting accepted; real messages nest three levels. */
  public static final int MAX_JSON_DEPTH = 8;
  /**
   * Most JSON tokens in a message: each field name, each value, and each object's or array's
   * opening and closing bracket. The largest real message, an ICE candidate with an id, has 19.
   */
  public static final int MAX_JSON_TOKENS = 256;
  /**
   * Longest field name, in UTF-8 bytes (the protocol's names are ASCII, where bytes and
   * characters agree); the longest real one has 16.
   */
  public static final int MAX_FIELD_NAME_BYTES = 64;
  /** Longest SDP accepted in an offer or answer. */
  public static final int MAX_SDP_CHARS = 60 * 1024;
  /** Longest ICE candidate line. */
  public static final int MAX_CANDIDATE_CHARS = 2048;
  /** Longest chat message. */
  public static final int MAX_CHAT_CHARS = 2000;
  /** Longest client message id (echoed as {@code ref}). */
  public static final int MAX_ID_CHARS = 64;
  /** Longest session token. */
  public static final int MAX_TOKEN_CHARS = 128;
  /** Steady messages per second per connection. */
  public static final int MESSAGES_PER_SECOND = 50;
  /** Messages a connection may send at once before the steady rate applies. */
  public static final int MESSAGE_BURST = 200;
}
