package com.tutorme.video.server.auth;

import com.nimbusds.jose.jwk.JWK;
import com.tutorme.video.server.ConfigException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * How tokens are verified: exactly one key source (an HS256 secret, an RS256/ES256 public key,
 * or a JWKS URL), plus the issuer and audience to enforce and the clock skew to allow. With no
 * key source the server runs in development mode.
 */
public record AuthSettings(
    byte[] hmacSecret, JWK publicKey, URI jwksUrl, String issuer, String audience,
    int clockSkewSeconds, boolean isDevelopment) {

  /** HS256 needs a key at least as long as its hash (RFC 7518 §3.2). */
  public static final int MIN_SECRET_BYTES = 32;
  public static final int DEFAULT_CLOCK_SKEW_SECONDS = 30;

  /**
   * A secret shorter than {@link #MIN_SECRET_BYTES} is refused however it came: no signer
   * takes it, so a server would start and never admit a token.
   */
  public AuthSettings {
    if (hmacSecret != null && hmacSecret.length < MIN_SECRET_BYTES) {
      throw new ConfigException("an HS256 secret must be at least " + MIN_SECRET_BYTES
          + " bytes (256 bits); it has " + hmacSecret.length);
    }
  }

  /** No key configured: development mode decides what to do. */
  public static final AuthSettings NONE =
      new AuthSettings(null, null, null, null, null, DEFAULT_CLOCK_SKEW_SECONDS, false);

  /**
   * Settings from the raw variable values ({@code JWT_SECRET}, {@code JWT_PUBLIC_KEY}, {@code
   * JWT_JWKS_URL}, {@code JWT_ISSUER}, {@code JWT_AUDIENCE}); null means unset.
   *
   * @throws ConfigException naming the variable at fault, never repeating a secret
   */
  public static AuthSettings parse(String secret, String publicKeyPem, String jwksUrl,
      String issuer, String audience, int clockSkewSeconds) {
    int sources = (secret != null ? 1 : 0) + (publicKeyPem != null ? 1 : 0)
        + (jwksUrl != null ? 1 : 0);
    if (sources > 1) {
      throw new ConfigException(
          "set only one of JWT_SECRET, JWT_PUBLIC_KEY and JWT_JWKS_URL");
    }
    byte[] hmac = null;
    if (secret != null) {
      hmac = secret.getBytes(StandardCharsets.UTF_8);
      if (hmac.length < MIN_SECRET_BYTES) {
        throw new ConfigException("JWT_SECRET must be at least " + MIN_SECRET_BYTES
            + " bytes (256 bits) for HS256; it has " + hmac.length);
      }
    }
    JWK key = publicKeyPem == null ? null : parsePublicKey(publicKeyPem);
    URI jwks = jwksUrl == null ? null : parseJwksUrl(jwksUrl);
    if (sources == 0 && (issuer != null || audience != null)) {
      throw new ConfigException("JWT_ISSUER or JWT_AUDIENCE is set but no key is: set "
          + "JWT_SECRET, JWT_PUBLIC_KEY or JWT_JWKS_URL");
    }
    return new AuthSettings(hmac, key, jwks, issuer, audience, clockSkewSeconds, false);
  }

  /** Development mode: a fresh random HS256 secret, valid until the process exits. */
  public static AuthSettings forDevelopment() {
    byte[] secret = new byte[MIN_SECRET_BYTES];
    new SecureRandom().nextBytes(secret);
    return new AuthSettings(secret, null, null, null, null, DEFAULT_CLOCK_SKEW_SECONDS, true);
  }

  /**
   * For tests and embedders: verify HS256 tokens signed with this secret.
   *
   * @throws ConfigException if it is shorter than {@link #MIN_SECRET_BYTES}
   */
  public static AuthSettings hmac(byte[] secret) {
    return new AuthSettings(secret.clone(), null, null, null, null, DEFAULT_CLOCK_SKEW_SECONDS,
        false);
  }

  public boolean hasKey() {
    return hmacSecret != null || publicKey != null || jwksUrl != null;
  }

  private static JWK parsePublicKey(String pem) {
    try {
      return PublicKeys.fromPem(pem);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("JWT_PUBLIC_KEY must be a PEM-encoded RSA or EC public key "
          + "(-----BEGIN PUBLIC KEY-----); it holds " + e.getMessage());
    }
  }

  private static URI parseJwksUrl(String url) {
    try {
      URI uri = new URI(url);
      if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw new ConfigException("JWT_JWKS_URL must be an http(s) URL");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("JWT_JWKS_URL is not a valid URL");
    }
  }

  @Override
  public String toString() {
    String source = hmacSecret != null ? (isDevelopment ? "development HS256" : "HS256 secret")
        : publicKey != null ? publicKey.getKeyType() + " public key"
        : jwksUrl != null ? "JWKS " + jwksUrl : "none";
    return "AuthSettings[" + source + ", issuer=" + issuer + ", audience=" + audience + "]";
  }
}
