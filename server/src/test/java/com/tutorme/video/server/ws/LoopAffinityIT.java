package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.VideoSession;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Both peers of a session end up on one event loop, and a connection moved there on joining
 * keeps working and loses nothing sent while it moved. The server has several loops (Netty's
 * default, two per core) and deals connections out in turn, so a student and a tutor who
 * connect one after the other start on different loops.
 */
class LoopAffinityIT {
  // One student and tutor across lessons: each lesson is a session of its own.
  private static final String STUDENT = "stu-" + UUID.randomUUID();
  private static final String TUTOR = "tut-" + UUID.randomUUID();

  @Test
  void bothPeersOfEverySessionShareOneEventLoopAndStillTalk() throws Exception {
    try (ApiServer api = ApiServer.start(LoopAffinityIT::fourLoops)) {
      assertThat(api.server.eventLoops()).isEqualTo(4);
      long movesBefore = api.server.signalingStats().movesOnJoin();
      List<WsClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < 6; i++) {
          VideoSession session = lesson(api);
          WsClient student = connect(api, "student", clients);
          WsClient tutor = connect(api, "tutor", clients);
          String studentPeer = student.join(session.sessionToken()).get("peerId").asText();
          String tutorPeer = tutor.join(session.sessionToken()).get("peerId").asText();
          student.next("user-joined");

          assertThat(SessionLoops.of(api, session)).hasSize(1);
          student.send("{\"type\":\"offer\",\"sdp\":\"v=0 o\",\"to\":\"" + tutorPeer + "\"}");
          assertThat(tutor.next("offer").at("/from/peerId").asText()).isEqualTo(studentPeer);
          tutor.send("{\"type\":\"answer\",\"sdp\":\"v=0 a\"}");
          assertThat(student.next("answer").at("/from/peerId").asText()).isEqualTo(tutorPeer);
        }
      } finally {
        clients.forEach(WsClient::close);
      }
      assertThat(api.server.signalingStats().movesOnJoin()).isGreaterThan(movesBefore);
    }
  }

  @Test
  void framesSentWhileMovingAreReadAfterTheJoinInOrder() throws Exception {
    try (ApiServer api = ApiServer.start(LoopAffinityIT::fourLoops)) {
      List<WsClient> clients = new ArrayList<>();
      try {
        VideoSession session = lesson(api);
        WsClient student = connect(api, "student", clients);
        WsClient tutor = connect(api, "tutor", clients);
        student.join(session.sessionToken());
        long movesBefore = api.server.signalingStats().movesOnJoin();

        // Sent back to back: the pings reach the server while the join is being looked up
        // and the connection moved, and must neither be lost nor overtake the join's answer.
        tutor.send("{\"type\":\"join-session\",\"id\":\"j\",\"sessionToken\":\""
            + session.sessionToken() + "\"}");
        for (int i = 1; i <= 3; i++) {
          tutor.send("{\"type\":\"ping\",\"id\":\"p" + i + "\"}");
        }
        List<String> seen = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          JsonNode message = tutor.next();
          seen.add(message.get("type").asText() + ":" + message.path("ref").asText());
        }
        assertThat(api.server.signalingStats().movesOnJoin())
            .as("the tutor was moved to the student's loop").isEqualTo(movesBefore + 1);
        assertThat(seen).containsSubsequence("pong:p1", "pong:p2", "pong:p3")
            .contains("session-joined:j");
        assertThat(SessionLoops.of(api, session)).hasSize(1);
        student.send("{\"type\":\"chat\",\"text\":\"still there?\"}");
        assertThat(tutor.awaitType("chat").get("text").asText()).isEqualTo("still there?");
      } finally {
        clients.forEach(WsClient::close);
      }
    }
  }

  @Test
  void withAffinityOffPeersStayWhereTheyWereAccepted() throws Exception {
    try (ApiServer api = ApiServer.start(config -> fourLoops(config).withSignaling(
        SignalingSettings.DEFAULTS.withLoopAffinity(false).withMessagesPerLoop(0)))) {
      List<JoinedLesson> lessons = new ArrayList<>();
      Set<Integer> loopsPerSession = new HashSet<>();
      try {
        for (int i = 0; i < 6; i++) {
          lessons.add(JoinedLesson.open(api, STUDENT, TUTOR));
          loopsPerSession.add(SessionLoops.of(api, lessons.get(i).session()).size());
        }
      } finally {
        lessons.forEach(JoinedLesson::close);
      }
      // The control for the first test: without the move, some pair is split.
      assertThat(loopsPerSession).contains(2);
      assertThat(api.server.signalingStats().movesOnJoin()).isZero();
    }
  }

  private static VideoSession lesson(ApiServer api) {
    return api.booking("b-" + UUID.randomUUID(), STUDENT, TUTOR, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
  }

  private static WsClient connect(ApiServer api, String role, List<WsClient> clients) {
    WsClient client = WsClient.connect(api.server.port(),
        api.token(role.equals("student") ? STUDENT : TUTOR, role));
    clients.add(client);
    return client;
  }

  /**
   * Several loops to move between, whatever the machine's core count, and all of them in use
   * (no {@link LoopBalancer}), so that connections stay on the loop Netty dealt them.
   */
  private static ServerConfig fourLoops(ServerConfig config) {
    return config.withEventLoops(4)
        .withSignaling(SignalingSettings.DEFAULTS.withMessagesPerLoop(0));
  }
}
