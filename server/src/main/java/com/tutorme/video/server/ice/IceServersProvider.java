package com.tutorme.video.server.ice;

import com.tutorme.video.protocol.IceServer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ICE servers a user gets. TURN credentials follow coturn's REST API scheme: the username
 * is {@code <expiry epoch seconds>:<userId>} and the password is base64(HMAC-SHA1(secret,
 * username)), so coturn can check them without asking us, and they stop working at expiry.
 */
public final class IceServersProvider {
  private final IceSettings settings;
  private final Clock clock;

  public IceServersProvider(IceSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  public List<IceServer> forUser(String userId) {
    List<IceServer> servers = new ArrayList<>(2);
    if (!settings.stunUrls().isEmpty()) {
      servers.add(IceServer.stun(settings.stunUrls()));
    }
    if (settings.hasTurn()) {
      long expiry = clock.instant().plus(settings.credentialTtl()).getEpochSecond();
      String username = expiry + ":" + userId;
      servers.add(new IceServer(settings.turnUrls(), username, hmacSha1Base64(username)));
    }
    return List.copyOf(servers);
  }

  /** Seconds the TURN credentials stay valid, or 0 without TURN. */
  public long credentialTtlSeconds() {
    return settings.hasTurn() ? settings.credentialTtl().toSeconds() : 0;
  }

  private String hmacSha1Base64(String username) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(settings.turnSecret(), "HmacSHA1"));
      return Base64.getEncoder().encodeToString(
          mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
    }
  }
}
