package com.tutorme.video.server.http;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Date;

/** Mints HS256 tokens the way the booking front end would, for tests. */
public final class TestTokens {
  private final byte[] secret;

  public TestTokens() {
    this.secret = new byte[32];
    new SecureRandom().nextBytes(secret);
  }

  public byte[] secret() {
    return secret.clone();
  }

  public String token(String userId, String role) {
    return sign(new JWTClaimsSet.Builder().subject(userId).claim("name", "User " + userId)
        .claim("role", role).expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
  }

  public String sign(JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
