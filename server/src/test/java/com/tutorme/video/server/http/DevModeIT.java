package com.tutorme.video.server.http;

import static com.tutorme.video.server.http.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.TutorMeServer;
import com.tutorme.video.storage.TestDatabases;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Development mode: a demo lesson whose two links open a working call. */
class DevModeIT {
  static TutorMeServer server;
  static ApiClient client;

  @BeforeAll
  static void start() throws InterruptedException {
    server = TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory()));
    client = new ApiClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theDemoHandsOutWorkingTokensAndLessonLinks() {
    HttpResponse<String> response = client.get("/api/dev/demo", null);
    JsonNode demo = json(response);
    String bookingId = demo.get("bookingId").asText();
    String studentToken = demo.at("/student/token").asText();

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(demo.at("/student/url").asText()).isEqualTo("http://127.0.0.1:" + server.port()
        + "/lessons/" + bookingId + "#token=" + studentToken);
    assertThat(demo.at("/tutor/url").asText()).contains("/lessons/" + bookingId + "#token=");
    HttpResponse<String> session = client.post("/api/video/session", studentToken,
        "{\"bookingId\":\"" + bookingId + "\"}");
    assertThat(session.statusCode()).isEqualTo(200);
    assertThat(json(session).get("status").asText()).isEqualTo("ACTIVE");
    assertThat(client.get("/api/video/session?bookingId=" + bookingId,
        demo.at("/tutor/token").asText()).statusCode()).isEqualTo(200);
  }

  @Test
  void devTokensAreMintedForAnyUserAndValidated() {
    HttpResponse<String> minted = client.get("/api/dev/token?userId=lt-1&role=tutor", null);
    HttpResponse<String> badRole = client.get("/api/dev/token?userId=lt-1&role=king", null);
    HttpResponse<String> badUser = client.get("/api/dev/token?userId=a%20b", null);

    assertThat(minted.statusCode()).isEqualTo(200);
    assertThat(client.get("/api/video/ice-servers", json(minted).get("token").asText())
        .statusCode()).isEqualTo(200);
    assertThat(badRole.statusCode()).isEqualTo(400);
    assertThat(badUser.statusCode()).isEqualTo(400);
  }

  @Test
  void theLessonPageAndHomePageAreServed() {
    HttpResponse<String> lesson = client.get("/lessons/demo-1", null);
    HttpResponse<String> home = client.get("/", null);
    HttpResponse<String> traversal = client.get("/static/..%2Fpom.xml", null);

    assertThat(lesson.statusCode()).isEqualTo(200);
    assertThat(lesson.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(lesson.body()).contains("<!doctype html>");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(traversal.statusCode()).isEqualTo(404);
  }
}
