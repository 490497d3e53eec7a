package com.tutorme.video.protocol;

/**
 * A message broke the protocol. Carries the error code, a message naming what is wrong, and
 * the offending message's {@code id} when it could be read, for the {@code error} reply.
 */
public final class ProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final String ref;

  public ProtocolException(ErrorCode code, String message, String ref) {
    super(message, null, false, false); // bad input is expected: no stack trace to fill
    this.code = code;
    this.ref = ref;
  }

  public static ProtocolException invalid(String message) {
    return new ProtocolException(ErrorCode.INVALID_MESSAGE, message, null);
  }

  public ErrorCode code() {
    return code;
  }

  /** The {@code id} of the message at fault, or null. */
  public String ref() {
    return ref;
  }

  public ProtocolException withRef(String newRef) {
    return new ProtocolException(code, getMessage(), newRef);
  }
}
