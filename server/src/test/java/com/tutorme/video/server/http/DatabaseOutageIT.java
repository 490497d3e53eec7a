package com.tutorme.video.server.http;

import static com.tutorme.video.server.http.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tutorme.video.server.TcpProxy;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.TestDatabases.PostgresSchema;
import com.tutorme.video.storage.TestDatabases;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** PostgreSQL vanishing under a running server: 503 quickly, health unaffected, recovery. */
class DatabaseOutageIT {

  @Test
  void sessionEndpointsAnswer503FastWhileTheDatabaseIsGoneAndRecoverAfter() throws Exception {
    TestDatabases.requirePostgres();
    try (PostgresSchema schema = TestDatabases.postgresSchema();
        TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
      DatabaseSettings viaProxy = DatabaseSettings.fromUrl(
          schema.settings().jdbcUrl().replace(":5432/", ":" + proxy.port() + "/"),
          TestDatabases.POSTGRES_USER, "");
      try (ApiServer api = ApiServer.start(config -> config.withDatabase(viaProxy))) {
        api.booking("outage", "stu", "tut", BookingMode.ONLINE, BookingStatus.CONFIRMED);
        String token = api.token("stu", "student");
        assertThat(api.client.get("/api/video/session?bookingId=outage", token).statusCode())
            .isEqualTo(200);

        proxy.cut();
        long started = System.nanoTime();
        HttpResponse<String> down = api.client.get("/api/video/session?bookingId=outage", token);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        HttpResponse<String> downAgain = api.client.post("/api/video/session", token,
            "{\"bookingId\":\"outage\"}");

        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(errorCode(down)).isEqualTo("DATABASE_UNAVAILABLE");
        assertThat(down.headers().firstValue("retry-after")).isPresent();
        assertThat(downAgain.statusCode()).isEqualTo(503);
        // Not a speed target: a guard against requests hanging on a dead database.
        assertThat(took).isLessThan(Duration.ofSeconds(5));
        assertThat(api.client.get("/healthz", null).statusCode()).isEqualTo(200);

        proxy.restore();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.client.get(
            "/api/video/session?bookingId=outage", token).statusCode() == 200);
      }
    }
  }

  @Test
  void aDatabaseThatHangsGets503WithinTheConnectionTimeout() throws Exception {
    TestDatabases.requirePostgres();
    try (PostgresSchema schema = TestDatabases.postgresSchema();
        TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
      DatabaseSettings viaProxy = DatabaseSettings.fromUrl(
          schema.settings().jdbcUrl().replace(":5432/", ":" + proxy.port() + "/"),
          TestDatabases.POSTGRES_USER, "");
      try (ApiServer api = ApiServer.start(config -> config.withDatabase(viaProxy))) {
        api.booking("hang", "stu", "tut", BookingMode.ONLINE, BookingStatus.CONFIRMED);
        String token = api.token("stu", "student");
        assertThat(api.client.get("/api/video/session?bookingId=hang", token).statusCode())
            .isEqualTo(200);
        // Idle a little, so that the pool tests a connection before lending it: the test
        // that took 5 s on a database that no longer answers.
        await().pollDelay(Duration.ofMillis(700)).until(() -> true);

        proxy.freeze();
        long started = System.nanoTime();
        HttpResponse<String> hung = api.client.get("/api/video/session?bookingId=hang", token);
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(hung.statusCode()).isEqualTo(503);
        assertThat(errorCode(hung)).isEqualTo("DATABASE_UNAVAILABLE");
        // Not a speed target: docs/api.md says about 2 s, and the pool's own default was 5.
        assertThat(took).isLessThan(Duration.ofMillis(3_500));

        proxy.restore();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.client.get(
            "/api/video/session?bookingId=hang", token).statusCode() == 200);
      }
    }
  }
}
