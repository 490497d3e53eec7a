package com.tutorme.video.storage.jdbi;

import java.security.SecureRandom;
import java.util.Base64;

/** Random, URL-safe identifiers for video sessions and their tokens. */
final class Ids {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private Ids() {}

  /** 128 random bits: collision-resistant like the original's cuid, and safe in a URL path. */
  static String sessionId() {
    return random(16);
  }

  /** 32 bytes from a CSPRNG, base64url: the secret that admits a peer to a session's room. */
  static String sessionToken() {
    return random(32);
  }

  private static String random(int bytes) {
    byte[] buffer = new byte[bytes];
    RANDOM.nextBytes(buffer);
    return BASE64URL.encodeToString(buffer);
  }
}
