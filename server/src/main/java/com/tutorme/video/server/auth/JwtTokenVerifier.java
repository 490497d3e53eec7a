package com.tutorme.video.server.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.text.ParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Verifies JWTs with nimbus-jose-jwt against one key source and a fixed algorithm allow-list:
 * HS256 for a secret, RS256 for an RSA key, ES256 for an EC key, RS256 and ES256 for a JWK set.
 * So {@code alg: none}, and HS256 signed with an RSA public key as its secret, never verify.
 * Requires {@code sub} and {@code exp}; enforces issuer and audience when configured.
 */
public final class JwtTokenVerifier implements TokenVerifier, AutoCloseable {
  /** Tokens are a few hundred bytes; anything this long is refused before parsing. */
  public static final int MAX_TOKEN_CHARS = 8 * 1024;

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final JwksCache jwks;

  public JwtTokenVerifier(AuthSettings settings) {
    if (!settings.hasKey()) {
      throw new IllegalArgumentException("no key configured");
    }
    JWKSource<SecurityContext> keys;
    Set<JWSAlgorithm> algorithms;
    if (settings.hmacSecret() != null) {
      JWK secret = new OctetSequenceKey.Builder(settings.hmacSecret()).build();
      keys = staticKey(secret);
      algorithms = Set.of(JWSAlgorithm.HS256);
      jwks = null;
    } else if (settings.publicKey() != null) {
      keys = staticKey(settings.publicKey());
      algorithms = settings.publicKey() instanceof RSAKey
          ? Set.of(JWSAlgorithm.RS256) : Set.of(JWSAlgorithm.ES256);
      jwks = null;
    } else {
      jwks = new JwksCache(settings.jwksUrl());
      keys = this::fromJwks;
      algorithms = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.ES256);
    }
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
    JWTClaimsSet.Builder exact = new JWTClaimsSet.Builder();
    if (settings.issuer() != null) {
      exact.issuer(settings.issuer());
    }
    // Mutable sets: nimbus asks them contains(null), which Set.of answers with an NPE.
    DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
        settings.audience() == null ? null : new HashSet<>(List.of(settings.audience())),
        exact.build(), new HashSet<>(List.of("sub", "exp")), null);
    claims.setMaxClockSkew(settings.clockSkewSeconds());
    processor.setJWTClaimsSetVerifier(claims);
  }

  /** Whether tokens can be checked: false until a configured JWK set has first been fetched. */
  public boolean isReady() {
    return jwks == null || jwks.isLoaded();
  }

  /**
   * @throws TokenKeysUnavailableException before a configured JWK set has first been fetched
   */
  @Override
  public Principal verify(String token) throws InvalidTokenException {
    if (token == null || token.isEmpty()) {
      throw new InvalidTokenException("empty token");
    }
    if (token.length() > MAX_TOKEN_CHARS) {
      throw new InvalidTokenException("token too long");
    }
    if (!isReady()) {
      throw new TokenKeysUnavailableException();
    }
    JWTClaimsSet claims;
    try {
      claims = processor.process(token, null);
    } catch (ParseException e) {
      throw new InvalidTokenException("malformed token");
    } catch (BadJWTException e) {
      throw new InvalidTokenException(describe(e));
    } catch (BadJOSEException e) {
      throw new InvalidTokenException("signature or algorithm not accepted");
    } catch (Exception e) {
      // JOSEException and anything a malformed key or token makes nimbus throw.
      throw new InvalidTokenException("token could not be verified");
    }
    if (claims.getExpirationTime() == null) {
      // "exp": null passes nimbus's required-claims check (the name is there) and its expiry
      // check (no time to compare): a token that never expires.
      throw new InvalidTokenException("token lacks required claims: exp");
    }
    try {
      String subject = claims.getSubject();
      if (!UserIds.isValid(subject)) {
        throw new InvalidTokenException("sub must be " + UserIds.RULE);
      }
      String name = claims.getStringClaim("name");
      if (name != null && name.length() > 128) {
        name = name.substring(0, 128);
      }
      return new Principal(subject, name, Role.fromClaim(claims.getStringClaim("role")));
    } catch (ParseException e) {
      throw new InvalidTokenException("name and role must be strings");
    }
  }

  /** Nimbus's words for absent claims, e.g. "JWT missing required claims: [exp, sub]". */
  private static final Pattern MISSING_CLAIMS =
      Pattern.compile("missing required claims: \\[([a-z, ]{1,64})\\]");

  /** Claim failures, in words a client can act on; never the token itself. */
  private static String describe(BadJWTException e) {
    String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
    if (message.contains("expired")) {
      return "token expired";
    }
    if (message.contains("before use time") || message.contains("nbf")) {
      return "token not yet valid";
    }
    // Before the issuer's: "missing" holds "iss". A required audience is checked, and missed,
    // before the other required claims, in words of its own.
    if (message.contains("missing required audience")) {
      return "token lacks required claims: aud";
    }
    Matcher missing = MISSING_CLAIMS.matcher(String.valueOf(e.getMessage()));
    if (missing.find()) {
      return "token lacks required claims: " + missing.group(1);
    }
    if (message.contains("iss")) {
      return "wrong issuer";
    }
    if (message.contains("aud")) {
      return "wrong audience";
    }
    return "claims not accepted";
  }

  private static JWKSource<SecurityContext> staticKey(JWK key) {
    // One configured key: match on its type only, so a token's kid cannot send us looking.
    return (selector, context) -> selector.getMatcher().getKeyTypes() == null
        || selector.getMatcher().getKeyTypes().contains(key.getKeyType()) ? List.of(key)
        : List.of();
  }

  private List<JWK> fromJwks(com.nimbusds.jose.jwk.JWKSelector selector, SecurityContext context)
      throws KeySourceException {
    JWKMatcher matcher = selector.getMatcher();
    List<JWK> matches = jwks.keys().stream().filter(matcher::matches).toList();
    if (matches.isEmpty()) {
      jwks.requestEarlyRefresh();
    }
    return matches;
  }

  @Override
  public void close() {
    if (jwks != null) {
      jwks.close();
    }
  }

}
