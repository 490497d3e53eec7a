package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response a route produces: status, extra headers and a JSON body (or none). */
public record ApiResponse(int status, Map<String, String> headers, Object body) {

  public ApiResponse {
    headers = Map.copyOf(headers);
  }

  public static ApiResponse ok(Object body) {
    return new ApiResponse(200, Map.of(), body);
  }

  public static ApiResponse json(int status, Object body) {
    return new ApiResponse(status, Map.of(), body);
  }

  public static ApiResponse noContent() {
    return new ApiResponse(204, Map.of(), null);
  }

  /** The error body every failure uses: {@code {"error":{"code","message"}}}. */
  public static ApiResponse error(ErrorCode code, String message, Map<String, String> headers) {
    return new ApiResponse(code.httpStatus(), headers, new ErrorBody(new Error(code, message)));
  }

  public static ApiResponse error(ApiException e) {
    return error(e.code(), e.getMessage(), e.headers());
  }

  public ApiResponse withHeader(String name, String value) {
    Map<String, String> copy = new LinkedHashMap<>(headers);
    copy.put(name, value);
    return new ApiResponse(status, copy, body);
  }

  /** A non-JSON body (the web client's files), sent as it is. */
  public record RawBody(byte[] bytes, String contentType) {}

  /** JSON shape of an error response. */
  public record ErrorBody(Error error) {}

  /** The code and message inside an error response. */
  public record Error(ErrorCode code, String message) {}
}
