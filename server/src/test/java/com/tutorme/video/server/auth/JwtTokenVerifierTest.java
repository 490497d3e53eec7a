package com.tutorme.video.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

public class JwtTokenVerifierTest {
  static final byte[] SECRET = random(32);
  static final RSAKey RSA = generateRsa();
  static final ECKey EC = generateEc();

  public static JWTClaimsSet.Builder claims() {
    return new JWTClaimsSet.Builder().subject("u-1").claim("name", "Ada").claim("role", "tutor")
        .issuer("https://id.tutorme.example").audience("tutorme-video")
        .expirationTime(Date.from(Instant.now().plusSeconds(300)));
  }

  static String sign(JWSSigner signer, JWSAlgorithm alg, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).type(JOSEObjectType.JWT).build(),
          claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A valid token for {@link #hmacSettings()}. */
  public static String hs256(JWTClaimsSet claims) {
    try {
      return sign(new MACSigner(SECRET), JWSAlgorithm.HS256, claims);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token of these claims exactly, as JSON, which the claims builder would not write. */
  static String hs256Json(String claimsJson) {
    try {
      JWSObject jws = new JWSObject(new JWSHeader.Builder(JWSAlgorithm.HS256)
          .type(JOSEObjectType.JWT).build(), new Payload(claimsJson));
      jws.sign(new MACSigner(SECRET));
      return jws.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static long inFiveMinutes() {
    return Instant.now().plusSeconds(300).getEpochSecond();
  }

  /** The settings the attacks are aimed at: HS256 with issuer and audience. */
  public static AuthSettings hmacSettings() {
    return new AuthSettings(SECRET, null, null, "https://id.tutorme.example", "tutorme-video",
        30, false);
  }

  static AuthSettings rsaSettings() {
    return new AuthSettings(null, RSA.toPublicJWK(), null, null, null, 30, false);
  }

  @Test
  void aValidHs256TokenNamesTheCaller() throws Exception {
    Principal principal = new JwtTokenVerifier(hmacSettings()).verify(hs256(claims().build()));

    assertThat(principal).isEqualTo(new Principal("u-1", "Ada", Role.TUTOR));
  }

  @Test
  void aTokenWithoutRoleIsAnOrdinaryUserNamedByItsSubject() throws Exception {
    Principal principal = new JwtTokenVerifier(hmacSettings()).verify(
        hs256(claims().claim("role", null).claim("name", null).build()));

    assertThat(principal.role()).isEqualTo(Role.USER);
    assertThat(principal.name()).isEqualTo("u-1");
    assertThat(principal.isPrivileged()).isFalse();
  }

  @Test
  void rs256AndEs256TokensVerifyWithTheirPublicKeys() throws Exception {
    String rsToken = sign(new RSASSASigner(RSA), JWSAlgorithm.RS256, claims().build());
    String esToken = sign(new ECDSASigner(EC), JWSAlgorithm.ES256, claims().build());

    assertThat(new JwtTokenVerifier(rsaSettings()).verify(rsToken).userId()).isEqualTo("u-1");
    assertThat(new JwtTokenVerifier(new AuthSettings(null, EC.toPublicJWK(), null, null, null,
        30, false)).verify(esToken).userId()).isEqualTo("u-1");
  }

  @Test
  void aPemPublicKeyFromTheEnvironmentVerifies() throws Exception {
    String pem = "-----BEGIN PUBLIC KEY-----\n"
        + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(RSA.toRSAPublicKey().getEncoded())
        + "\n-----END PUBLIC KEY-----\n";
    AuthSettings settings = AuthSettings.parse(null, pem, null, null, null, 30);
    String token = sign(new RSASSASigner(RSA), JWSAlgorithm.RS256, claims().build());

    assertThat(new JwtTokenVerifier(settings).verify(token).userId()).isEqualTo("u-1");
  }

  @Test
  void aJwkSetIsFetchedInTheBackgroundAndUsed() throws Exception {
    RSAKey withKid = new RSAKeyGenerator(2048).keyID("k1").generate();
    HttpServer jwks = jwksServing(withKid, new AtomicInteger(), fetch -> true);
    try (JwtTokenVerifier verifier = verifierFetchingFrom(jwks)) {
      SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1")
          .build(), claims().build());
      jwt.sign(new RSASSASigner(withKid));

      await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
          .until(() -> verifier.verify(jwt.serialize()).userId().equals("u-1"));
    } finally {
      jwks.stop(0);
    }
  }

  /**
   * An identity provider that fails the first fetch (a blip as the server starts): tried again
   * within seconds, not at the next five-minute refresh, while nothing can be checked.
   */
  @Test
  void aFirstFetchThatFailsIsRetriedSoon() throws Exception {
    RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
    AtomicInteger fetches = new AtomicInteger();
    CountDownLatch checkedUnready = new CountDownLatch(1);
    // The retry is held until the verifier has been seen unready, however slow this machine.
    HttpServer jwks = jwksServing(key, fetches, fetch -> fetch > 1 && awaitQuietly(checkedUnready));
    try (JwtTokenVerifier verifier = verifierFetchingFrom(jwks)) {
      String token = sign(new RSASSASigner(key), JWSAlgorithm.RS256, claims().build());
      await().atMost(Duration.ofSeconds(5)).until(() -> fetches.get() >= 1);
      assertThatThrownBy(() -> verifier.verify(token))
          .isInstanceOf(TokenKeysUnavailableException.class);
      checkedUnready.countDown();

      await().atMost(Duration.ofSeconds(10)).until(verifier::isReady);
      assertThat(verifier.verify(token).userId()).isEqualTo("u-1");
      assertThat(fetches.get()).isEqualTo(2);
    } finally {
      jwks.stop(0);
    }
  }

  /** An identity provider's JWK set of {@code key}, answering 503 to the fetches not {@code ok}. */
  private static boolean awaitQuietly(CountDownLatch latch) {
    try {
      return latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static HttpServer jwksServing(RSAKey key, AtomicInteger fetches, IntPredicate ok)
      throws IOException {
    HttpServer jwks = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(),
        0), 0);
    byte[] body = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
    jwks.createContext("/jwks.json", exchange -> {
      boolean answered = ok.test(fetches.incrementAndGet());
      exchange.sendResponseHeaders(answered ? 200 : 503, answered ? body.length : -1);
      if (answered) {
        exchange.getResponseBody().write(body);
      }
      exchange.close();
    });
    jwks.start();
    return jwks;
  }

  private static JwtTokenVerifier verifierFetchingFrom(HttpServer jwks) {
    return new JwtTokenVerifier(AuthSettings.parse(null, null,
        "http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks.json", null, null, 30));
  }

  /** Forged, broken and stale tokens, by name; shared with the HTTP-level attack test. */
  public static Iterable<Arguments> attacks() throws Exception {
    Map<String, Supplier<String>> table = new java.util.LinkedHashMap<>();
    table.put("alg none", () -> new PlainJWT(claims().build()).serialize());
    table.put("alg none with a signature-looking tail",
        () -> new PlainJWT(claims().build()).serialize() + "c2ln");
    table.put("HS256 signed with the RSA public key as secret", () -> {
      try {
        byte[] publicBytes = RSA.toRSAPublicKey().getEncoded();
        return sign(new MACSigner(java.util.Arrays.copyOf(publicBytes, publicBytes.length)),
            JWSAlgorithm.HS256, claims().build());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    table.put("bad signature", () -> {
      String token = hs256(claims().build());
      return token.substring(0, token.lastIndexOf('.') + 1)
          + Base64URL.encode(random(32)).toString();
    });
    table.put("signed with another secret", () -> {
      try {
        return sign(new MACSigner(random(32)), JWSAlgorithm.HS256, claims().build());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    table.put("HS512, not on the allow-list", () -> {
      try {
        return sign(new MACSigner(random(64)), JWSAlgorithm.HS512, claims().build());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    table.put("expired", () -> hs256(claims()
        .expirationTime(Date.from(Instant.now().minusSeconds(120))).build()));
    table.put("not yet valid", () -> hs256(claims()
        .notBeforeTime(Date.from(Instant.now().plusSeconds(600))).build()));
    table.put("wrong issuer", () -> hs256(claims().issuer("https://evil.example").build()));
    table.put("wrong audience", () -> hs256(claims().audience("someone-else").build()));
    table.put("missing sub", () -> hs256(claims().subject(null).build()));
    table.put("missing exp", () -> hs256(claims().expirationTime(null).build()));
    // Present, as the required-claims check asks, but null: nimbus then checks no expiry.
    table.put("exp null, never expiring", () -> hs256Json("{\"sub\":\"u-1\",\"exp\":null,"
        + "\"iss\":\"https://id.tutorme.example\",\"aud\":\"tutorme-video\"}"));
    table.put("iss null", () -> hs256Json("{\"sub\":\"u-1\",\"exp\":" + inFiveMinutes()
        + ",\"iss\":null,\"aud\":\"tutorme-video\"}"));
    table.put("aud null", () -> hs256Json("{\"sub\":\"u-1\",\"exp\":" + inFiveMinutes()
        + ",\"iss\":\"https://id.tutorme.example\",\"aud\":null}"));
    // No booking can name such users: intake holds user ids to the same rule.
    table.put("sub with a space", () -> hs256(claims().subject("ada lovelace").build()));
    table.put("sub with a control character", () -> hs256(claims().subject("u-1\n").build()));
    table.put("sub too long", () -> hs256(claims().subject("u".repeat(129)).build()));
    table.put("sub empty", () -> hs256(claims().subject("").build()));
    table.put("unknown role", () -> hs256(claims().claim("role", "superuser").build()));
    table.put("role not a string", () -> hs256(claims().claim("role", 7).build()));
    table.put("garbage", () -> "garbage");
    table.put("three dots of garbage", () -> "a.b.c");
    table.put("empty", () -> "");
    table.put("oversized", () -> hs256(claims().claim("pad", "x".repeat(9_000)).build()));
    return table.entrySet().stream()
        .map(entry -> Arguments.of(entry.getKey(), entry.getValue())).toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void everyAttackIsRefused(String name, Supplier<String> token) {
    JwtTokenVerifier verifier = new JwtTokenVerifier(hmacSettings());

    assertThatThrownBy(() -> verifier.verify(token.get()))
        .isInstanceOf(InvalidTokenException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(token.get().isEmpty()
            ? "\u0000" : token.get()));
  }

  @Test
  void anHs256TokenIsRefusedByAnRs256Setup() throws Exception {
    byte[] publicBytes = RSA.toRSAPublicKey().getEncoded();
    String confused = sign(new MACSigner(publicBytes), JWSAlgorithm.HS256, claims().build());

    assertThatThrownBy(() -> new JwtTokenVerifier(rsaSettings()).verify(confused))
        .isInstanceOf(InvalidTokenException.class);
  }

  @Test
  void failuresSayWhatIsWrongInWords() {
    JwtTokenVerifier verifier = new JwtTokenVerifier(hmacSettings());

    assertThatThrownBy(() -> verifier.verify(hs256(claims()
        .expirationTime(Date.from(Instant.now().minusSeconds(120))).build())))
        .hasMessage("token expired");
    assertThatThrownBy(() -> verifier.verify(hs256(claims().issuer("x").build())))
        .hasMessage("wrong issuer");
    // "missing" holds "iss": it was once called a wrong issuer.
    assertThatThrownBy(() -> verifier.verify(hs256(claims().subject(null).build())))
        .hasMessage("token lacks required claims: sub");
    assertThatThrownBy(() -> verifier.verify(hs256(claims().subject(null).expirationTime(null)
        .build()))).hasMessageStartingWith("token lacks required claims: ")
        .hasMessageContainingAll("sub", "exp");
    assertThatThrownBy(() -> verifier.verify(hs256(claims().audience((String) null).build())))
        .hasMessage("token lacks required claims: aud");
    assertThatThrownBy(() -> verifier.verify(hs256(claims().subject("ada lovelace").build())))
        .hasMessage("sub must be " + UserIds.RULE);
    assertThatThrownBy(() -> verifier.verify(hs256Json("{\"sub\":\"u-1\",\"exp\":null,"
        + "\"iss\":\"https://id.tutorme.example\",\"aud\":\"tutorme-video\"}")))
        .hasMessage("token lacks required claims: exp");
  }

  @Test
  void aSmallClockSkewIsTolerated() throws Exception {
    String justExpired = hs256(claims()
        .expirationTime(Date.from(Instant.now().minusSeconds(5))).build());

    assertThat(new JwtTokenVerifier(hmacSettings()).verify(justExpired).userId())
        .isEqualTo("u-1");
  }

  static byte[] random(int bytes) {
    byte[] buffer = new byte[bytes];
    new SecureRandom().nextBytes(buffer);
    return buffer;
  }

  static RSAKey generateRsa() {
    try {
      return new RSAKeyGenerator(2048).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static ECKey generateEc() {
    try {
      return new ECKeyGenerator(Curve.P_256).generate();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
