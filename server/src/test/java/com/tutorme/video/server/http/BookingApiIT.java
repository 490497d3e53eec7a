package com.tutorme.video.server.http;

import static com.tutorme.video.server.http.ApiClient.errorCode;
import static com.tutorme.video.server.http.ApiClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Booking intake by the booking backend: sessions created on confirmation, ended on cancel. */
class BookingApiIT {
  static ApiServer api;
  final String bookingId = "b-" + UUID.randomUUID();

  @BeforeAll
  static void start() throws InterruptedException {
    api = ApiServer.start();
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  static String body(String mode, String status) {
    return """
        {"studentId":"stu","tutorId":"tut","mode":"%s","status":"%s",
         "startsAt":"2026-12-01T15:00:00Z","endsAt":"2026-12-01T16:00:00+00:00"}
        """.formatted(mode, status);
  }

  HttpResponse<String> put(String token, String json) {
    return api.client.put("/api/bookings/" + bookingId, token, json);
  }

  @Test
  void confirmingCreatesTheSessionAndCancellingEndsIt() {
    String service = api.token("booking-backend", "service");

    HttpResponse<String> pending = put(service, body("ONLINE", "PENDING"));
    HttpResponse<String> confirmed = put(service, body("ONLINE", "CONFIRMED"));
    HttpResponse<String> student = api.client.get("/api/video/session?bookingId=" + bookingId,
        api.token("stu", "student"));
    HttpResponse<String> cancelled = put(service, body("ONLINE", "CANCELLED"));

    assertThat(pending.statusCode()).isEqualTo(200);
    assertThat(json(pending).get("session").isNull()).isTrue();
    assertThat(json(confirmed).get("sessionChange").asText()).isEqualTo("CREATED");
    JsonNode session = json(confirmed).get("session");
    assertThat(session.get("status").asText()).isEqualTo("ACTIVE");
    assertThat(student.statusCode()).isEqualTo(200);
    assertThat(json(student).get("sessionToken")).isEqualTo(session.get("sessionToken"));
    assertThat(json(cancelled).get("sessionChange").asText()).isEqualTo("ENDED");
    assertThat(json(cancelled).at("/session/status").asText()).isEqualTo("ENDED");
    assertThat(json(cancelled).get("status").asText()).isEqualTo("CANCELLED");
  }

  @Test
  void onlyTheServiceRoleMayWriteBookings() {
    HttpResponse<String> asTutor = put(api.token("tut", "tutor"), body("ONLINE", "CONFIRMED"));
    HttpResponse<String> asAdmin = put(api.token("ada", "admin"), body("ONLINE", "CONFIRMED"));
    HttpResponse<String> anonymous = put(null, body("ONLINE", "CONFIRMED"));

    assertThat(asTutor.statusCode()).isEqualTo(403);
    assertThat(errorCode(asTutor)).isEqualTo("FORBIDDEN");
    assertThat(asAdmin.statusCode()).isEqualTo(403);
    assertThat(anonymous.statusCode()).isEqualTo(401);
  }

  @Test
  void anEmbeddingBackendsWritesMeetTheSameRules() {
    Instant starts = Instant.parse("2026-12-01T15:00:00Z");
    Map<String, BookingUpdate> refused = Map.of(
        "booking id must be", new BookingUpdate("has space", "stu", "tut", BookingMode.ONLINE,
            BookingStatus.CONFIRMED, starts, starts.plusSeconds(3600)),
        "studentId must be", new BookingUpdate(bookingId, "alice smith", "tut",
            BookingMode.ONLINE, BookingStatus.CONFIRMED, starts, starts.plusSeconds(3600)),
        "tutorId must be", new BookingUpdate(bookingId, "stu", "t".repeat(129),
            BookingMode.ONLINE, BookingStatus.CONFIRMED, starts, starts.plusSeconds(3600)),
        "between 1970 and 9999", new BookingUpdate(bookingId, "stu", "tut", BookingMode.ONLINE,
            BookingStatus.CONFIRMED, Instant.parse("0001-01-01T00:00:00Z"), starts));

    refused.forEach((reason, update) -> assertThat(api.server.sessions().upsertBooking(update))
        .as(reason).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
        .havingRootCause().isInstanceOf(ApiException.class).withMessageContaining(reason));
    assertThat(api.server.database().bookings().find(bookingId)).isEmpty();
  }

  @Test
  void invalidBookingsAreRefusedWithTheReason() {
    String service = api.token("booking-backend", "service");

    HttpResponse<String> badMode = put(service, body("HYBRID", "CONFIRMED"));
    HttpResponse<String> backwards = put(service, """
        {"studentId":"s","tutorId":"t","mode":"ONLINE","status":"PENDING",
         "startsAt":"2026-12-01T16:00:00Z","endsAt":"2026-12-01T15:00:00Z"}""");
    HttpResponse<String> missing = put(service, "{\"studentId\":\"s\"}");
    HttpResponse<String> badDate = put(service, body("ONLINE", "PENDING")
        .replace("2026-12-01T15:00:00Z", "yesterday"));
    HttpResponse<String> badId = api.client.put("/api/bookings/" + "x".repeat(65), service,
        body("ONLINE", "PENDING"));
    // Which status is meant? A browser's parser would take the last, others the first.
    HttpResponse<String> statusTwice = put(service, body("ONLINE", "CANCELLED")
        .replace("\"status\"", "\"status\":\"CONFIRMED\",\"status\""));
    // Repeated inside a value the reader refuses anyway (an unknown field): the reader's
    // error comes first, and the repeat is still what is named.
    HttpResponse<String> nestedTwice = put(service, body("ONLINE", "PENDING")
        .replace("{", "{\"extra\":{\"a\":1,\"a\":2},"));
    // Jackson keeps the names it reads in a table shared by every request: long ones are
    // refused before they are kept.
    HttpResponse<String> longName = put(service, body("ONLINE", "PENDING")
        .replace("{", "{\"" + "n".repeat(10_000) + "\":1,"));

    assertThat(badMode.statusCode()).isEqualTo(400);
    assertThat(json(badMode).at("/error/message").asText()).contains("ONLINE", "IN_PERSON");
    assertThat(json(backwards).at("/error/message").asText()).contains("endsAt");
    assertThat(errorCode(missing)).isEqualTo("INVALID_REQUEST");
    assertThat(errorCode(badDate)).isEqualTo("INVALID_REQUEST");
    assertThat(errorCode(badId)).isEqualTo("INVALID_REQUEST");
    assertThat(errorCode(statusTwice)).isEqualTo("INVALID_REQUEST");
    assertThat(json(statusTwice).at("/error/message").asText())
        .isEqualTo("field 'status' is given more than once");
    assertThat(nestedTwice.statusCode()).isEqualTo(400);
    assertThat(errorCode(nestedTwice)).isEqualTo("INVALID_REQUEST");
    assertThat(json(nestedTwice).at("/error/message").asText())
        .isEqualTo("field 'a' is given more than once");
    // Types as given, fields as named: a number is no id, and an unknown field is named.
    assertThat(json(put(service, body("ONLINE", "PENDING").replace("\"stu\"", "12345")))
        .at("/error/message").asText())
        .isEqualTo("field 'studentId' is missing or has the wrong type");
    assertThat(json(put(service, body("ONLINE", "PENDING")
        .replace("{", "{\"colour\":\"red\","))).at("/error/message").asText())
        .isEqualTo("unknown field 'colour'");
    // A body is one JSON value: a second one, or garbage after it, is refused, not ignored.
    assertThat(json(put(service, body("ONLINE", "PENDING") + "{\"status\":\"CANCELLED\"}"))
        .at("/error/message").asText()).isEqualTo("request body has more after its JSON object");
    assertThat(json(put(service, body("ONLINE", "PENDING") + " garbage"))
        .at("/error/message").asText()).isEqualTo("request body is not valid JSON");
    // Beyond what a database keeps: H2 and PostgreSQL failed on some (500) and PostgreSQL
    // stored others as -infinity.
    for (String instant : List.of("+1000000000-12-01T15:00:00Z", "+300000-12-01T15:00:00Z",
        "-290000-12-01T15:00:00Z", "1969-12-31T23:59:59Z", "+10000-01-01T00:00:00Z")) {
      boolean early = instant.startsWith("-") || instant.startsWith("1969");
      HttpResponse<String> outOfRange = put(service, body("ONLINE", "PENDING")
          .replace(early ? "2026-12-01T15:00:00Z" : "2026-12-01T16:00:00+00:00", instant));
      assertThat(outOfRange.statusCode()).as(instant).isEqualTo(400);
      assertThat(json(outOfRange).at("/error/message").asText()).as(instant)
          .isEqualTo("startsAt and endsAt must be between 1970 and 9999");
    }
    assertThat(longName.statusCode()).isEqualTo(400);
    assertThat(json(longName).at("/error/message").asText())
        .isEqualTo("request body has a field name longer than 64 bytes");
    assertThat(api.client.get("/api/video/session?bookingId=" + bookingId,
        api.token("stu", "student")).statusCode()).as("no session from a refused body")
        .isEqualTo(404);
  }
}
