package com.tutorme.video.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The web origins allowed to call the API from a browser and to open signaling sockets: {@code
 * ALLOWED_ORIGINS} (comma-separated), else the origin of {@code NEXTAUTH_URL} as the original
 * app did, else the server's own {@code http://localhost:PORT}.
 */
final class AllowedOrigins {
  private AllowedOrigins() {}

  static List<String> from(Env env, int port) {
    Optional<String> configured = env.get("ALLOWED_ORIGINS");
    if (configured.isPresent()) {
      List<String> origins = new ArrayList<>();
      for (String part : configured.get().split(",")) {
        if (!part.isBlank()) {
          origins.add(exactOrigin(part.strip()));
        }
      }
      if (origins.isEmpty()) {
        throw new ConfigException("ALLOWED_ORIGINS lists no origin");
      }
      return List.copyOf(origins);
    }
    Optional<String> nextAuth = env.get("NEXTAUTH_URL");
    if (nextAuth.isPresent()) {
      return List.of(origin("NEXTAUTH_URL", nextAuth.get()));
    }
    return List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
  }

  /**
   * An entry of ALLOWED_ORIGINS, which must be an origin itself: a browser's Origin header
   * holds no path, so an entry with one would be taken for a narrower rule than it is.
   */
  static String exactOrigin(String entry) {
    String origin = origin("ALLOWED_ORIGINS", entry);
    URI uri = URI.create(entry); // parsed once already by origin()
    boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()
        || uri.getRawPath().equals("/")) && uri.getRawQuery() == null
        && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
    if (!bare) {
      throw new ConfigException("ALLOWED_ORIGINS entries are origins, scheme://host[:port] "
          + "without a path, query or user; got '" + entry + "' (did you mean '" + origin + "'?)");
    }
    return origin;
  }

  /** The origin (scheme://host[:port]) of a URL, lower-cased as browsers send it. */
  static String origin(String variable, String url) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new ConfigException(variable + " must hold http(s) URLs such as "
            + "https://app.example.com, got '" + url + "'");
      }
      // A browser leaves out the scheme's own port: https://a.example:443 arrives without it.
      boolean defaultPort = uri.getPort() == (scheme.equals("https") ? 443 : 80);
      String port = uri.getPort() < 0 || defaultPort ? "" : ":" + uri.getPort();
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + port;
    } catch (URISyntaxException e) {
      throw new ConfigException(variable + " holds a malformed URL: '" + url + "'");
    }
  }
}
