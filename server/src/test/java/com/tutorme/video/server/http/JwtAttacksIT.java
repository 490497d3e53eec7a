package com.tutorme.video.server.http;

import static com.tutorme.video.server.http.ApiClient.errorCode;
import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.TutorMeServer;
import com.tutorme.video.server.auth.JwtTokenVerifierTest;
import com.tutorme.video.storage.TestDatabases;
import java.net.http.HttpResponse;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every forged or broken token gets 401 over real HTTP, and a good one gets through. */
class JwtAttacksIT {
  static TutorMeServer server;
  static ApiClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory())
        .withAuth(JwtTokenVerifierTest.hmacSettings()));
    client = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Iterable<org.junit.jupiter.params.provider.Arguments> attacks() throws Exception {
    return JwtTokenVerifierTest.attacks();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attacks")
  void isAnswered401(String name, Supplier<String> token) {
    String value = token.get();
    HttpResponse<String> response = client.send(client.request("/api/video/ice-servers", null)
        .header("Authorization", "Bearer " + value).GET());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(errorCode(response)).isIn("INVALID_TOKEN", "UNAUTHENTICATED");
    assertThat(response.headers().firstValue("www-authenticate")).isPresent();
    if (!value.isEmpty()) {
      assertThat(response.body()).doesNotContain(value);
    }
  }

  @Test
  void aValidTokenGetsTheIceServers() {
    HttpResponse<String> response = client.get("/api/video/ice-servers",
        JwtTokenVerifierTest.hs256(JwtTokenVerifierTest.claims().build()));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(response).at("/iceServers/0/urls/0").asText())
        .isEqualTo("stun:stun.l.google.com:19302");
  }

  @Test
  void developmentModeDoesNotExistWhenAKeyIsConfigured() {
    HttpResponse<String> demo = client.get("/api/dev/demo", null);
    HttpResponse<String> token = client.get("/api/dev/token?userId=x", null);

    assertThat(demo.statusCode()).isEqualTo(404);
    assertThat(token.statusCode()).isEqualTo(404);
    assertThat(server.demoLesson()).isEmpty();
  }
}
