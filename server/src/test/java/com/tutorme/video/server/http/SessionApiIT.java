package com.tutorme.video.server.http;

import static com.tutorme.video.server.http.ApiClient.errorCode;
import static com.tutorme.video.server.http.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The original three session endpoints over real HTTP, with their rules and errors. */
class SessionApiIT {
  static ApiServer api;
  String bookingId = "b-" + UUID.randomUUID();

  @BeforeAll
  static void start() throws InterruptedException {
    api = ApiServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  private String confirmedBooking() {
    api.booking(bookingId, "stu", "tut", BookingMode.ONLINE, BookingStatus.CONFIRMED);
    return bookingId;
  }

  private HttpResponse<String> create(String userId, String role, String booking) {
    return api.client.post("/api/video/session", api.token(userId, role),
        "{\"bookingId\":\"" + booking + "\"}");
  }

  @Test
  void theStudentCreatesOrGetsTheSessionAndTheTutorGetsTheSameOne() {
    confirmedBooking();

    HttpResponse<String> created = create("stu", "student", bookingId);
    HttpResponse<String> again = create("stu", "student", bookingId);
    HttpResponse<String> byTutor = api.client.get("/api/video/session?bookingId=" + bookingId,
        api.token("tut", "tutor"));

    assertThat(created.statusCode()).isEqualTo(200);
    JsonNode session = json(created);
    assertThat(session.get("id").asText()).matches("[A-Za-z0-9_-]{22}");
    assertThat(session.get("bookingId").asText()).isEqualTo(bookingId);
    assertThat(session.get("sessionToken").asText()).matches("[A-Za-z0-9_-]{43}");
    assertThat(session.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(session.get("startedAt").asText()).endsWith("Z");
    assertThat(session.get("endedAt").isNull()).isTrue();
    assertThat(json(again)).isEqualTo(session);
    assertThat(byTutor.statusCode()).isEqualTo(200);
    assertThat(json(byTutor)).isEqualTo(session);
  }

  @Test
  void callersWithoutAValidTokenGet401BeforeAnythingIsRevealed() {
    HttpResponse<String> none = api.client.post("/api/video/session", null,
        "{\"bookingId\":\"unknown\"}");
    HttpResponse<String> garbage = api.client.post("/api/video/session", "not-a-jwt",
        "{\"bookingId\":\"unknown\"}");
    HttpResponse<String> basic = api.client.send(api.client.request("/api/video/session", null)
        .header("Authorization", "Basic dXNlcjpwYXNz").GET());

    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(errorCode(none)).isEqualTo("UNAUTHENTICATED");
    assertThat(none.headers().firstValue("www-authenticate")).hasValueSatisfying(
        value -> assertThat(value).startsWith("Bearer"));
    assertThat(garbage.statusCode()).isEqualTo(401);
    assertThat(errorCode(garbage)).isEqualTo("INVALID_TOKEN");
    assertThat(garbage.headers().firstValue("www-authenticate")).hasValueSatisfying(
        value -> assertThat(value).contains("error=\"invalid_token\""));
    assertThat(basic.statusCode()).isEqualTo(401);
  }

  @Test
  void aThirdUserIsForbiddenAndAnAdminIsNot() {
    confirmedBooking();
    String sessionId = json(create("stu", "student", bookingId)).get("id").asText();
    String stranger = api.token("mallory", "student");

    assertThat(errorCode(create("mallory", "student", bookingId))).isEqualTo("FORBIDDEN");
    assertThat(api.client.get("/api/video/session?bookingId=" + bookingId, stranger)
        .statusCode()).isEqualTo(403);
    HttpResponse<String> end = api.client.post("/api/video/session/" + sessionId + "/end",
        stranger, "");
    assertThat(end.statusCode()).isEqualTo(403);
    assertThat(create("ada", "admin", bookingId).statusCode()).isEqualTo(200);
  }

  @Test
  void bookingsThatCannotHaveASessionSayWhy() {
    api.booking(bookingId, "stu", "tut", BookingMode.IN_PERSON, BookingStatus.CONFIRMED);
    String pending = "p-" + UUID.randomUUID();
    api.booking(pending, "stu", "tut", BookingMode.ONLINE, BookingStatus.PENDING);

    HttpResponse<String> inPerson = create("stu", "student", bookingId);
    HttpResponse<String> notConfirmed = create("stu", "student", pending);
    HttpResponse<String> unknown = create("stu", "student", "no-such-booking");

    assertThat(inPerson.statusCode()).isEqualTo(409);
    assertThat(errorCode(inPerson)).isEqualTo("BOOKING_NOT_ONLINE");
    assertThat(notConfirmed.statusCode()).isEqualTo(409);
    assertThat(errorCode(notConfirmed)).isEqualTo("BOOKING_NOT_CONFIRMED");
    assertThat(json(notConfirmed).path("error").path("message").asText()).contains("pending");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("BOOKING_NOT_FOUND");
    assertThat(api.client.get("/api/video/session?bookingId=" + pending,
        api.token("stu", "student")).statusCode()).isEqualTo(409);
  }

  @Test
  void endingIsIdempotentAndTheEndedSessionStaysEnded() {
    confirmedBooking();
    String sessionId = json(create("stu", "student", bookingId)).get("id").asText();
    String tutor = api.token("tut", "tutor");

    HttpResponse<String> first = api.client.post("/api/video/session/" + sessionId + "/end",
        tutor, "");
    HttpResponse<String> second = api.client.post("/api/video/session/" + sessionId + "/end",
        tutor, "");

    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(json(first).get("status").asText()).isEqualTo("ENDED");
    assertThat(json(first).get("endedAt").asText()).endsWith("Z");
    assertThat(json(second)).isEqualTo(json(first));
    assertThat(json(create("stu", "student", bookingId)).get("status").asText())
        .isEqualTo("ENDED");
    HttpResponse<String> unknown = api.client.post("/api/video/session/nope/end", tutor, "");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(errorCode(unknown)).isEqualTo("SESSION_NOT_FOUND");
  }

  @Test
  void sixteenConcurrentCreateOrGetCallsShareOneSession() throws Exception {
    api.booking(bookingId, "stu", "tut", BookingMode.ONLINE, BookingStatus.PENDING);
    // Sessions exist only for confirmed bookings; an admin-less race on a just-confirmed one:
    api.booking(bookingId, "stu", "tut", BookingMode.ONLINE, BookingStatus.CONFIRMED);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        String user = i % 2 == 0 ? "ada" : "root";
        calls.add(CompletableFuture.supplyAsync(() -> {
          await(go);
          return create(user, "admin", bookingId);
        }, pool));
      }
      go.countDown();
      Set<String> ids = new HashSet<>();
      for (CompletableFuture<HttpResponse<String>> call : calls) {
        HttpResponse<String> response = call.get();
        assertThat(response.statusCode()).isEqualTo(200);
        ids.add(json(response).get("id").asText());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void malformedRequestsAreAnswered400() {
    String token = api.token("stu", "student");

    assertThat(errorCode(api.client.post("/api/video/session", token, "{"))).isEqualTo(
        "INVALID_REQUEST");
    assertThat(errorCode(api.client.post("/api/video/session", token, "[]"))).isEqualTo(
        "INVALID_REQUEST");
    assertThat(errorCode(api.client.post("/api/video/session", token, "{}"))).isEqualTo(
        "INVALID_REQUEST");
    assertThat(errorCode(api.client.post("/api/video/session", token,
        "{\"bookingId\":\"a/b c\"}"))).isEqualTo("INVALID_REQUEST");
    assertThat(errorCode(api.client.post("/api/video/session", token,
        "{\"bookingId\":\"x\",\"extra\":1}"))).isEqualTo("INVALID_REQUEST");
    assertThat(errorCode(api.client.get("/api/video/session", token))).isEqualTo(
        "INVALID_REQUEST");
    assertThat(errorCode(api.client.get("/api/video/session?bookingId=a&bookingId=b", token)))
        .isEqualTo("INVALID_REQUEST");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
