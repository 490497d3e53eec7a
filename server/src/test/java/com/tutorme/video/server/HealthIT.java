package com.tutorme.video.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tutorme.video.server.auth.AuthSettings;
import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.TestDatabases.PostgresSchema;
import com.tutorme.video.storage.TestDatabases;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Liveness and readiness over real HTTP against the real server. */
class HealthIT {
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void healthAndReadinessAnswerOkOnAWorkingDatabase() throws Exception {
    try (TutorMeServer server =
        TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory()))) {
      HttpResponse<String> health = get(server, "/healthz");
      HttpResponse<String> ready = get(server, "/readyz");

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).isEqualTo("{\"status\":\"ok\"}");
      assertThat(health.headers().firstValue("content-type")).hasValue(
          "application/json; charset=utf-8");
      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(ready.body()).contains("\"status\":\"ready\"");
    }
  }

  /**
   * Before the identity provider's key set has been fetched no token can be checked: that is
   * the node's unreadiness (503), not every caller's bad token (401, "sign in again").
   */
  @Test
  void untilTheKeySetIsFetchedTheNodeIsNotReadyAndTokensAreNotRefused() throws Exception {
    int nothingThere;
    try (ServerSocket socket = new ServerSocket(0)) {
      nothingThere = socket.getLocalPort();
    }
    AuthSettings jwks = new AuthSettings(null, null,
        URI.create("http://127.0.0.1:" + nothingThere + "/jwks.json"), null, null, 30, false);
    try (TutorMeServer server = TutorMeServer.start(
        ServerConfig.local(TestDatabases.h2InMemory()).withAuth(jwks))) {
      HttpResponse<String> ready = get(server, "/readyz");
      HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.port() + "/api/video/ice-servers"))
          .header("Authorization", "Bearer " + "a.b.c").build(),
          HttpResponse.BodyHandlers.ofString());

      for (HttpResponse<String> response : List.of(ready, api)) {
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("\"code\":\"SERVICE_UNAVAILABLE\"")
            .contains("have not been fetched yet");
        assertThat(response.headers().firstValue("retry-after")).hasValue("5");
      }
    }
  }

  @Test
  void readinessFailsWhileTheDatabaseIsGoneAndRecoversWhileHealthStaysUp() throws Exception {
    TestDatabases.requirePostgres();
    try (PostgresSchema schema = TestDatabases.postgresSchema();
        TcpProxy proxy = new TcpProxy("127.0.0.1", 5432)) {
      DatabaseSettings settings = DatabaseSettings.fromUrl(
          schema.settings().jdbcUrl().replace(":5432/", ":" + proxy.port() + "/"),
          TestDatabases.POSTGRES_USER, "");
      try (TutorMeServer server = TutorMeServer.start(ServerConfig.local(settings))) {
        assertThat(get(server, "/readyz").statusCode()).isEqualTo(200);

        proxy.cut();
        HttpResponse<String> down = get(server, "/readyz");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.body()).contains("\"code\":\"DATABASE_UNAVAILABLE\"");
        assertThat(down.headers().firstValue("retry-after")).isPresent();
        assertThat(get(server, "/healthz").statusCode()).isEqualTo(200);

        proxy.restore();
        await().atMost(Duration.ofSeconds(20))
            .until(() -> get(server, "/readyz").statusCode() == 200);
      }
    }
  }

  @Test
  void unknownPathsAndWrongMethodsGetJsonErrors() throws Exception {
    try (TutorMeServer server =
        TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory()))) {
      HttpResponse<String> missing = get(server, "/nope");
      HttpResponse<String> wrongMethod = http.send(HttpRequest.newBuilder(uri(server, "/healthz"))
          .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(missing.body()).contains("\"code\":\"NOT_FOUND\"");
      assertThat(wrongMethod.statusCode()).isEqualTo(405);
      assertThat(wrongMethod.headers().firstValue("allow")).hasValue("GET");
      assertThat(wrongMethod.body()).contains("\"code\":\"METHOD_NOT_ALLOWED\"");
    }
  }

  private HttpResponse<String> get(TutorMeServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(server, path)).timeout(Duration.ofSeconds(10))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static URI uri(TutorMeServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }
}
