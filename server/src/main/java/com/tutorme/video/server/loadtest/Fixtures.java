package com.tutorme.video.server.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.Role;
import com.tutorme.video.server.auth.TokenMinter;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * What a run needs from the server, through its API only: tokens (development mode's
 * /api/dev/token, or minted with the server's secret) and confirmed online bookings, whose
 * sessions come back from the intake endpoint.
 */
final class Fixtures {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String server;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final TokenMinter minter;
  private final String serviceToken;

  Fixtures(Options options) throws IOException, InterruptedException {
    this.server = options.server();
    this.minter = options.minter();
    this.serviceToken = token("loadtest-booking-backend", Role.SERVICE);
  }

  String token(String userId, Role role) throws IOException, InterruptedException {
    if (minter != null) {
      return minter.mint(new Principal(userId, null, role), Duration.ofHours(2));
    }
    JsonNode body = send(HttpRequest.newBuilder(URI.create(server + "/api/dev/token?userId="
        + URLEncoder.encode(userId, StandardCharsets.UTF_8) + "&role=" + role.wireName()))
        .GET(), "a token from /api/dev/token (is the server in development mode? if not, "
        + "pass --jwt-secret)");
    return body.get("token").asText();
  }

  /** A confirmed online booking between the two users; returns its session token. */
  String lesson(String bookingId, String student, String tutor)
      throws IOException, InterruptedException {
    Instant starts = Instant.now();
    String booking = JSON.writeValueAsString(java.util.Map.of("studentId", student,
        "tutorId", tutor, "mode", "ONLINE", "status", "CONFIRMED",
        "startsAt", starts.toString(), "endsAt", starts.plusSeconds(3600).toString()));
    JsonNode body = send(HttpRequest.newBuilder(URI.create(server + "/api/bookings/"
        + bookingId)).header("Authorization", "Bearer " + serviceToken)
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(booking)), "booking " + bookingId);
    return body.at("/session/sessionToken").asText();
  }

  private JsonNode send(HttpRequest.Builder request, String what)
      throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(30)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("could not get " + what + ": HTTP " + response.statusCode() + " "
          + oneLine(response.body()));
    }
    return JSON.readTree(response.body());
  }

  /** A response body fit for one line of error: another server's HTML page may be long. */
  private static String oneLine(String body) {
    String flat = body.replaceAll("\\s+", " ").strip();
    return flat.length() > 300 ? flat.substring(0, 300) + "…" : flat;
  }
}
