package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.VideoSession;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Many lessons at once on every event loop: joins, relays and leaves racing each other must
 * leave no room behind and deliver nothing outside its room.
 */
class SignalingRaceIT {
  static final int PAIRS = 40;
  static final int MESSAGES = 20;

  @Test
  void concurrentLessonsLeakNoRoomAndCrossNoMessage() throws Exception {
    try (ApiServer api = ApiServer.start()) {
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<CompletableFuture<Void>> lessons = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
          int pair = i;
          lessons.add(CompletableFuture.runAsync(() -> lesson(api, pair), pool));
        }
        CompletableFuture.allOf(lessons.toArray(CompletableFuture[]::new))
            .get(120, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> api.server.rooms().roomCount() == 0);
    }
  }

  private static void lesson(ApiServer api, int pair) {
    String student = "s" + pair;
    String tutor = "t" + pair;
    VideoSession session = api.booking("race-" + pair, student, tutor, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
    try (WsClient s = WsClient.connect(api.server.port(), api.token(student, "student"));
        WsClient t = WsClient.connect(api.server.port(), api.token(tutor, "tutor"))) {
      // Both join at once; whoever is second sees the first in its acknowledgement.
      s.send("{\"type\":\"join-session\",\"sessionToken\":\"" + session.sessionToken() + "\"}");
      t.send("{\"type\":\"join-session\",\"sessionToken\":\"" + session.sessionToken() + "\"}");
      s.awaitType("session-joined");
      t.awaitType("session-joined");
      waitForPartner(s, t);
      for (int m = 0; m < MESSAGES; m++) {
        s.send("{\"type\":\"chat\",\"text\":\"" + pair + ":" + m + "\"}");
        t.send("{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"c" + pair + "\"}}");
      }
      for (int m = 0; m < MESSAGES; m++) {
        JsonNode chat = t.awaitType("chat");
        assertThat(chat.get("text").asText()).isEqualTo(pair + ":" + m);
        assertThat(chat.at("/from/userId").asText()).isEqualTo(student);
        JsonNode candidate = s.awaitType("ice-candidate");
        assertThat(candidate.at("/candidate/candidate").asText()).isEqualTo("c" + pair);
        assertThat(candidate.at("/from/userId").asText()).isEqualTo(tutor);
      }
      s.send("{\"type\":\"leave-session\"}");
      assertThat(t.awaitType("user-left").get("userId").asText()).isEqualTo(student);
    }
  }

  /** The pair is complete once each has seen the other, by acknowledgement or presence. */
  private static void waitForPartner(WsClient s, WsClient t) {
    await().atMost(Duration.ofSeconds(10)).until(() -> sawUserJoined(s) || sawUserJoined(t));
  }

  private static boolean sawUserJoined(WsClient client) {
    return client.pending().stream().anyMatch(m -> "user-joined".equals(m.path("type")
        .asText()));
  }
}
