package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import java.util.Map;

/** A request that cannot be served, with the stable code and human message the client sees. */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient Map<String, String> headers;

  public ApiException(ErrorCode code, String message) {
    this(code, message, Map.of());
  }

  public ApiException(ErrorCode code, String message, Map<String, String> headers) {
    super(message, null, false, false); // a client error: no stack trace to fill or log
    this.code = code;
    this.headers = Map.copyOf(headers);
  }

  public ApiException(ErrorCode code) {
    this(code, code.defaultMessage());
  }

  public ErrorCode code() {
    return code;
  }

  /** Headers the error response carries, such as {@code Allow} or {@code Retry-After}. */
  public Map<String, String> headers() {
    return headers;
  }
}
