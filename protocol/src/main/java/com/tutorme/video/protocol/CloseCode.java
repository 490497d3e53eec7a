package com.tutorme.video.protocol;

/** Every WebSocket close code the server uses, with the reason it sends. */
public enum CloseCode {
  /** The client left, or the server closed a connection that has nothing more to do. */
  NORMAL(1000, "bye"),
  /** The server is shutting down; reconnect to another node or later. */
  GOING_AWAY(1001, "server shutting down"),
  /** A frame that breaks RFC 6455 (not masked, a reserved opcode, a bad length...). */
  PROTOCOL_ERROR(1002, "protocol error"),
  /** A binary frame: the protocol is JSON text only. */
  UNSUPPORTED_DATA(1003, "binary frames are not supported"),
  /** A text message that is not UTF-8, which RFC 6455 says must fail the connection. */
  INVALID_PAYLOAD(1007, "text messages must be UTF-8"),
  /** The connection kept breaking the rules (rate limit persisted). */
  POLICY_VIOLATION(1008, "policy violation"),
  /** A frame larger than the limit. */
  MESSAGE_TOO_BIG(1009, "message too big"),
  /** The server failed; the client may reconnect. */
  INTERNAL_ERROR(1011, "internal error"),
  /** The same user joined the session from another connection, which replaces this one. */
  REPLACED(4001, "replaced by a newer connection"),
  /** The session ended; rejoining is refused. */
  SESSION_ENDED(4002, "session ended"),
  /** No pong (nor any frame) within the liveness timeout: the connection is presumed dead. */
  IDLE_TIMEOUT(4003, "idle timeout"),
  /** The client stopped reading and the server's buffer for it filled up. */
  SLOW_CONSUMER(4004, "slow consumer"),
  /** The booking's student or tutor changed and this user is no longer either. */
  NOT_A_PARTICIPANT(4005, "no longer a participant");

  private final int code;
  private final String reason;

  CloseCode(int code, String reason) {
    this.code = code;
    this.reason = reason;
  }

  public int code() {
    return code;
  }

  public String reason() {
    return reason;
  }
}
