package com.tutorme.video.server.ice;

import com.tutorme.video.server.ConfigException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * STUN and TURN servers to hand to clients. STUN defaults to the original app's two Google
 * servers; TURN needs both its URLs and the shared secret configured in coturn
 * ({@code static-auth-secret}).
 */
public record IceSettings(List<String> stunUrls, List<String> turnUrls, byte[] turnSecret,
    Duration credentialTtl) {

  public static final List<String> DEFAULT_STUN =
      List.of("stun:stun.l.google.com:19302", "stun:stun1.l.google.com:19302");
  /** Short by default: a leaked credential stops working soon. */
  public static final Duration DEFAULT_TTL = Duration.ofMinutes(10);

  public static final IceSettings DEFAULTS =
      new IceSettings(DEFAULT_STUN, List.of(), null, DEFAULT_TTL);

  public IceSettings {
    stunUrls = List.copyOf(stunUrls);
    turnUrls = List.copyOf(turnUrls);
    // Here, not only in parse(): settings made in code would otherwise start a server whose
    // ice-servers answer fails on every request.
    if (!turnUrls.isEmpty() && turnSecret == null) {
      throw new ConfigException("TURN_URLS is set but TURN_SECRET is not; TURN credentials "
          + "are derived from the secret shared with the TURN server");
    }
    if (turnUrls.isEmpty() && turnSecret != null) {
      throw new ConfigException("TURN_SECRET is set but TURN_URLS is not");
    }
  }

  /**
   * From {@code STUN_URLS} (null: defaults; empty: none), {@code TURN_URLS}, {@code
   * TURN_SECRET} and the TTL in seconds.
   */
  public static IceSettings parse(String stun, String turn, String secret, int ttlSeconds) {
    List<String> stunUrls = stun == null ? DEFAULT_STUN
        : urls("STUN_URLS", stun, List.of("stun:", "stuns:"));
    List<String> turnUrls = turn == null ? List.of()
        : urls("TURN_URLS", turn, List.of("turn:", "turns:"));
    return new IceSettings(stunUrls, turnUrls,
        secret == null ? null : secret.getBytes(StandardCharsets.UTF_8),
        Duration.ofSeconds(ttlSeconds));
  }

  public boolean hasTurn() {
    return !turnUrls.isEmpty();
  }

  /** A host name, an IPv4 address or a bracketed IPv6 one begins so. */
  private static final Pattern HOST_START = Pattern.compile("[A-Za-z0-9\\[]");

  private static List<String> urls(String variable, String value, List<String> schemes) {
    List<String> urls = new ArrayList<>();
    for (String part : value.split(",")) {
      String url = part.strip();
      if (url.isEmpty()) {
        continue;
      }
      String lower = url.toLowerCase(Locale.ROOT);
      // A scheme, then a host: "stun:" alone would reach browsers as a server they cannot use.
      if (schemes.stream().noneMatch(scheme -> lower.startsWith(scheme)
          && HOST_START.matcher(url).region(scheme.length(), url.length()).lookingAt())
          || url.contains(" ")) {
        throw new ConfigException(variable + " entries must be " + String.join(" or ", schemes)
            + " followed by a host, got '" + url + "'");
      }
      urls.add(url);
    }
    return urls;
  }

  @Override
  public String toString() {
    return "IceSettings[stun=" + stunUrls + ", turn=" + turnUrls + ", ttl=" + credentialTtl + "]";
  }
}
