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
    QueryStringDecoder decoder = new QueryStringDecoder(originForm(uri));
    try {
      return new RequestTarget(decoder.path(), decoder.parameters());
    } catch (IllegalArgumentException e) {
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          "the URL holds a malformed percent-escape");
    }
  }

  /**
   * The target as a path and query: a request may also name it in absolute form ({@code GET
   * http://host/healthz}, as a client configured for a proxy sends), which RFC 9112 has servers
   * accept; its authority is dropped.
   */
  public static String originForm(String uri) {
    int scheme = uri.indexOf("://");
    if (scheme < 0 || !uri.regionMatches(true, 0, "http", 0, 4)
        || !(scheme == 4 || scheme == 5 && (uri.charAt(4) == 's' || uri.charAt(4) == 'S'))) {
      return uri;
    }
    int path = uri.indexOf('/', scheme + 3);
    int query = uri.indexOf('?', scheme + 3);
    if (path < 0 || query >= 0 && query < path) {
      return query < 0 ? "/" : "/" + uri.substring(query);
    }
    return uri.substring(path);
  }
}
