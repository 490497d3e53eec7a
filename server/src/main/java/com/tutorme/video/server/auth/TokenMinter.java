package com.tutorme.video.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/**
 * Mints tokens the server accepts: HS256 with the configured secret (development mode's demo
 * tokens, tests), or RS256 / ES256 with a private key whose public half the server checks
 * with (the load generator, against a server configured as production is). Production tokens
 * come from the booking app's identity provider, not from here.
 */
public final class TokenMinter {
  private final JWSSigner signer;
  private final JWSAlgorithm algorithm;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  public TokenMinter(AuthSettings settings, Clock clock) {
    this(hmacSigner(settings), JWSAlgorithm.HS256, settings.issuer(), settings.audience(),
        clock);
  }

  private TokenMinter(JWSSigner signer, JWSAlgorithm algorithm, String issuer, String audience,
      Clock clock) {
    this.signer = signer;
    this.algorithm = algorithm;
    this.issuer = issuer;
    this.audience = audience;
    this.clock = clock;
  }

  /**
   * Signs with an RSA (RS256) or EC P-256 (ES256) private key.
   *
   * @throws IllegalArgumentException for any other key
   */
  public static TokenMinter signingWith(PrivateKey key, String issuer, String audience,
      Clock clock) {
    try {
      if (key instanceof ECPrivateKey ec) {
        if (!Curve.P_256.equals(Curve.forECParameterSpec(ec.getParams()))) {
          throw new IllegalArgumentException("an EC key must be on P-256, for ES256");
        }
        return new TokenMinter(new ECDSASigner(ec), JWSAlgorithm.ES256, issuer, audience, clock);
      }
      if (key.getAlgorithm().equals("RSA")) {
        return new TokenMinter(new RSASSASigner(key), JWSAlgorithm.RS256, issuer, audience,
            clock);
      }
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign with this key: " + e.getMessage());
    }
    throw new IllegalArgumentException("the key must be RSA or EC P-256, not "
        + key.getAlgorithm());
  }

  private static JWSSigner hmacSigner(AuthSettings settings) {
    if (settings.hmacSecret() == null) {
      throw new IllegalArgumentException("minting needs an HS256 secret");
    }
    try {
      return new MACSigner(settings.hmacSecret());
    } catch (JOSEException e) {
      throw new IllegalArgumentException("cannot sign with this secret: " + e.getMessage());
    }
  }

  public String mint(Principal principal, Duration ttl) {
    Date now = Date.from(clock.instant());
    JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
        .subject(principal.userId())
        .claim("name", principal.name())
        .claim("role", principal.role().wireName())
        .issueTime(now)
        .expirationTime(Date.from(clock.instant().plus(ttl)))
        .jwtID(UUID.randomUUID().toString());
    if (issuer != null) {
      claims.issuer(issuer);
    }
    if (audience != null) {
      claims.audience(audience);
    }
    try {
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims.build());
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }
}
