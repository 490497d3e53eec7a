package com.tutorme.video.server.http;

import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.TutorMeServer;
import com.tutorme.video.server.auth.AuthSettings;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import com.tutorme.video.storage.BookingWrite;
import com.tutorme.video.storage.TestDatabases;
import java.time.Instant;
import java.util.function.UnaryOperator;

/** The real server on an ephemeral port with HS256 auth, a token minter and a client. */
public final class ApiServer implements AutoCloseable {
  public final TestTokens tokens = new TestTokens();
  public final TutorMeServer server;
  public final ApiClient client;

  private ApiServer(ServerConfig config) throws InterruptedException {
    this.server = TutorMeServer.start(config.withAuth(AuthSettings.hmac(tokens.secret())));
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
}
