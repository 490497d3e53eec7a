package com.tutorme.video.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.UUID;

/**
 * Mints HS256 tokens with the configured secret: development mode's demo tokens, and tests.
 * Production tokens come from the booking app's identity provider, not from here.
 */
public final class TokenMinter {
  private final AuthSettings settings;
  private final Clock clock;

  public TokenMinter(AuthSettings settings, Clock clock) {
    if (settings.hmacSecret() == null) {
      throw new IllegalArgumentException("minting needs an HS256 secret");
    }
    this.settings = settings;
    this.clock = clock;
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
    if (settings.issuer() != null) {
      claims.issuer(settings.issuer());
    }
    if (settings.audience() != null) {
      claims.audience(settings.audience());
    }
    try {
      SignedJWT jwt = new SignedJWT(
          new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
          claims.build());
      jwt.sign(new MACSigner(settings.hmacSecret()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
  }
}
