package com.tutorme.video.server.http;

import io.netty.handler.codec.http.HttpMethod;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps method and path to a handler. Paths are literal segments and {@code {name}} parameters;
 * a path that matches under another method gives the allowed methods for a 405.
 */
public final class Router {
  private final List<Route> routes = new ArrayList<>();

  public Router add(HttpMethod method, String pattern, RouteHandler handler) {
    routes.add(new Route(method, pattern.split("/", -1), handler));
    return this;
  }

  public Router get(String pattern, RouteHandler handler) {
    return add(HttpMethod.GET, pattern, handler);
  }

  public Router post(String pattern, RouteHandler handler) {
    return add(HttpMethod.POST, pattern, handler);
  }

  public Router put(String pattern, RouteHandler handler) {
    return add(HttpMethod.PUT, pattern, handler);
  }

  /** Finds the route for a request; the result says found, not found, or method not allowed. */
  Match match(HttpMethod method, String path) {
    // Trailing empty segments kept: /api/video/session/ is not /api/video/session.
    String[] segments = path.split("/", -1);
    Set<HttpMethod> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Map<String, String> params = route.match(segments);
      if (params == null) {
        continue;
      }
      if (route.method.equals(method)
          || (method.equals(HttpMethod.HEAD) && route.method.equals(HttpMethod.GET))) {
        return new Match(route.handler, params, Set.of());
      }
      allowed.add(route.method);
    }
    return new Match(null, Map.of(), allowed);
  }

  /** The outcome of routing: a handler, or the methods the path allows (empty: no such path). */
  record Match(RouteHandler handler, Map<String, String> params, Set<HttpMethod> allowed) {}

  private record Route(HttpMethod method, String[] segments, RouteHandler handler) {
    Map<String, String> match(String[] path) {
      if (path.length != segments.length) {
        return null;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < segments.length; i++) {
        String segment = segments[i];
        if (segment.startsWith("{") && segment.endsWith("}")) {
          if (path[i].isEmpty()) {
            return null;
          }
          params.put(segment.substring(1, segment.length() - 1), path[i]);
        } else if (!segment.equals(path[i])) {
          return null;
        }
      }
      return params;
    }
  }
}
