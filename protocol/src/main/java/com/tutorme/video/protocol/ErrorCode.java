package com.tutorme.video.protocol;

/**
 * Every error the product reports, declared once: the HTTP API, the signaling protocol and the
 * documentation all use these stable machine-readable codes.
 *
 * <p>The HTTP status is the one the API answers with; over WebSocket the code travels in an
 * {@code error} message and the status is informational.
 */
public enum ErrorCode {
  /** The request or message is malformed: bad JSON, a missing or invalid field. */
  INVALID_REQUEST(400, "The request is malformed."),
  /** A signaling message is malformed: bad JSON, unknown type, a missing or invalid field. */
  INVALID_MESSAGE(400, "The message is malformed."),
  /** No credentials were presented. */
  UNAUTHENTICATED(401, "Authentication is required."),
  /** The presented token is not valid: bad signature, expired, wrong issuer or audience, garbage. */
  INVALID_TOKEN(401, "The access token is not valid."),
  /** The caller is authenticated but may not touch this resource. */
  FORBIDDEN(403, "You may not access this resource."),
  /** No route matches the path. */
  NOT_FOUND(404, "Not found."),
  /** The booking is unknown. */
  BOOKING_NOT_FOUND(404, "The booking does not exist."),
  /** The video session is unknown. */
  SESSION_NOT_FOUND(404, "The video session does not exist."),
  /** The target peer of a relayed message is not in the session. */
  PEER_NOT_FOUND(404, "The peer is not in this session."),
  /** The path exists but not for this method. */
  METHOD_NOT_ALLOWED(405, "Method not allowed."),
  /** The request took too long to arrive. */
  REQUEST_TIMEOUT(408, "The request took too long to arrive."),
  /** The booking is not an online lesson, so it has no video session. */
  BOOKING_NOT_ONLINE(409, "The booking is not an online lesson."),
  /** The booking is not confirmed or completed, so it has no video session. */
  BOOKING_NOT_CONFIRMED(409, "The booking is not confirmed."),
  /** The video session has ended. */
  SESSION_ENDED(409, "The video session has ended."),
  /** The session's room already holds its maximum number of peers. */
  ROOM_FULL(409, "The session is full."),
  /** A signaling message other than join arrived before a successful join. */
  NOT_JOINED(409, "Join a session first."),
  /** A join arrived on a connection that has already joined. */
  ALREADY_JOINED(409, "This connection has already joined a session."),
  /** The request body is larger than allowed. */
  PAYLOAD_TOO_LARGE(413, "The request body is too large."),
  /** The request URI is longer than allowed. */
  URI_TOO_LONG(414, "The request URI is too long."),
  /** The request body is not JSON. */
  UNSUPPORTED_MEDIA_TYPE(415, "The request body must be application/json."),
  /** The request's Expect header asks for something other than 100-continue. */
  EXPECTATION_FAILED(417, "Only Expect: 100-continue is supported."),
  /** Too many requests or messages in a short time. */
  RATE_LIMITED(429, "Too many requests; slow down."),
  /** The request headers are larger than allowed. */
  HEADERS_TOO_LARGE(431, "The request headers are too large."),
  /** Something failed that is not the caller's fault. */
  INTERNAL_ERROR(500, "Internal error."),
  /** The database cannot be reached; retry later. */
  DATABASE_UNAVAILABLE(503, "The database is unavailable; retry later."),
  /** The server is shutting down or overloaded; retry later. */
  SERVICE_UNAVAILABLE(503, "The service is unavailable; retry later.");

  private final int httpStatus;
  private final String defaultMessage;

  ErrorCode(int httpStatus, String defaultMessage) {
    this.httpStatus = httpStatus;
    this.defaultMessage = defaultMessage;
  }

  /** The HTTP status the API answers with for this error. */
  public int httpStatus() {
    return httpStatus;
  }

  /** A human sentence for when the context has nothing more specific to say. */
  public String defaultMessage() {
    return defaultMessage;
  }
}
