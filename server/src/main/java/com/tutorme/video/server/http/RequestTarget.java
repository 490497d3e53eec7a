package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.Map;

/**
 * A request's path and query, percent-decoded. Netty's decoder decodes lazily and throws
 * IllegalArgumentException for a malformed escape ({@code %zz}) wherever it is first asked;
 * this decodes both at once and makes that a client error.
 */
public record RequestTarget(String path, Map<String, List<String>> parameters) {

  /** @throws ApiException 400 if the path or query holds a malformed percent-escape */
  public static RequestTarget of(String uri) {
    QueryStringDecoder decoder = new QueryStringDecoder(uri);
    try {
      return new RequestTarget(decoder.path(), decoder.parameters());
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          "the URL holds a malformed percent-escape");
    }
  }
}
