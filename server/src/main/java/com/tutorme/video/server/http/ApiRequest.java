package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request as a route sees it: its body already read and bounded, its path parameters
 * matched. Copied out of Netty's buffers so it can travel to another thread.
 */
public record ApiRequest(
    HttpMethod method,
    String path,
    Map<String, List<String>> query,
    HttpHeaders headers,
    byte[] body,
    Map<String, String> pathParams) {

  public String pathParam(String name) {
    String value = pathParams.get(name);
    if (value == null) {
      throw new IllegalStateException("route has no path parameter " + name);
    }
    return value;
  }

  /** The single value of a query parameter; repeating it is a malformed request. */
  public Optional<String> queryParam(String name) {
    List<String> values = query.get(name);
    if (values == null || values.isEmpty()) {
      return Optional.empty();
    }
    if (values.size() > 1) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, "query parameter " + name + " repeated");
    }
    return Optional.of(values.get(0));
  }

  public Optional<String> header(CharSequence name) {
    return Optional.ofNullable(headers.get(name));
  }
}
