package com.tutorme.video.server.http;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.TutorMeServer;
import com.tutorme.video.server.auth.InvalidTokenException;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.Role;
import com.tutorme.video.server.auth.TokenVerifier;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import com.tutorme.video.storage.BookingWrite;
import com.tutorme.video.storage.TestDatabases;
import java.time.Instant;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** The real server on an ephemeral port with HS256 auth, a token minter and a client. */
public final class ApiServer implements AutoCloseable {
  public final TestTokens tokens = new TestTokens();
  public final TutorMeServer server;
  public final ApiClient client;

  private ApiServer(ServerConfig config) throws InterruptedException {
    this.server = TutorMeServer.builder(config).tokenVerifier(verifier(tokens.secret())).start();
    this.client = new ApiClient(server.port());
  }

  public static ApiServer start() throws InterruptedException {
    return start(UnaryOperator.identity());
  }

  public static ApiServer start(UnaryOperator<ServerConfig> customize)
      throws InterruptedException {
    return new ApiServer(customize.apply(ServerConfig.local(TestDatabases.h2InMemory())));
  }

  public String token(String userId, String role) {
    return tokens.token(userId, role);
  }

  /** Writes a booking the way the booking backend would, in-process. */
  public BookingWrite booking(String id, String student, String tutor, BookingMode mode,
      BookingStatus status) {
    Instant starts = Instant.parse("2026-12-01T15:00:00Z");
    return server.sessions().upsertBooking(new BookingUpdate(id, student, tutor, mode, status,
        starts, starts.plusSeconds(3600))).join();
  }

  @Override
  public void close() {
    server.close();
  }

  // Temporary: replaced by the JwtTokenVerifier of the auth package.
  private static TokenVerifier verifier(byte[] secret) {
    return token -> {
      try {
        SignedJWT jwt = SignedJWT.parse(token);
        if (!jwt.verify(new MACVerifier(secret))) {
          throw new InvalidTokenException("bad signature");
        }
        var claims = jwt.getJWTClaimsSet();
        return new Principal(claims.getSubject(), claims.getStringClaim("name"),
            Role.valueOf(claims.getStringClaim("role").toUpperCase(Locale.ROOT)));
      } catch (InvalidTokenException e) {
        throw e;
      } catch (Exception e) {
        throw new InvalidTokenException("malformed");
      }
    };
  }
}
