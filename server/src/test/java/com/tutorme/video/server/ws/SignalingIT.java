package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.VideoSession;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signaling over real WebSockets against the real server. */
class SignalingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String ORIGIN = "https://app.tutorme.example";
  static ApiServer api;
  final String student = "stu-" + UUID.randomUUID();
  final String tutor = "tut-" + UUID.randomUUID();

  @BeforeAll
  static void start() throws InterruptedException {
    api = ApiServer.start(config -> config.withAllowedOrigins(List.of(ORIGIN))
        .withSignaling(new SignalingSettings(2, 200, 8, true, 2_000, 10_000)));
  }

  @AfterAll
  static void stop() {
    api.close();
  }

  VideoSession lesson() {
    return api.booking("b-" + UUID.randomUUID(), student, tutor, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
  }

  WsClient connect(String userId, String role) {
    return WsClient.connect(api.server.port(), api.token(userId, role));
  }

  @Test
  void twoUsersNegotiateAndSeeTheServerStampedSender() {
    VideoSession session = lesson();
    try (WsClient s = connect(student, "student"); WsClient t = connect(tutor, "tutor")) {
      JsonNode studentJoined = s.join(session.sessionToken());
      assertThat(studentJoined.get("type").asText()).isEqualTo("session-joined");
      assertThat(studentJoined.get("ref").asText()).isEqualTo("j");
      assertThat(studentJoined.get("sessionId").asText()).isEqualTo(session.id());
      assertThat(studentJoined.get("peers")).isEmpty();
      assertThat(studentJoined.at("/iceServers/0/urls/0").asText()).startsWith("stun:");
      String studentPeer = studentJoined.get("peerId").asText();

      JsonNode tutorJoined = t.join(session.sessionToken());
      String tutorPeer = tutorJoined.get("peerId").asText();
      assertThat(tutorJoined.at("/peers/0/peerId").asText()).isEqualTo(studentPeer);
      assertThat(tutorJoined.at("/peers/0/userId").asText()).isEqualTo(student);
      JsonNode userJoined = s.next("user-joined");
      assertThat(userJoined.get("peerId").asText()).isEqualTo(tutorPeer);
      assertThat(userJoined.get("role").asText()).isEqualTo("tutor");

      s.send("{\"type\":\"offer\",\"sdp\":\"v=0 offer\",\"to\":\"" + tutorPeer + "\","
          + "\"from\":{\"peerId\":\"forged\",\"userId\":\"admin\"}}");
      JsonNode offer = t.next("offer");
      assertThat(offer.get("sdp").asText()).isEqualTo("v=0 offer");
      assertThat(offer.get("from").get("peerId").asText()).isEqualTo(studentPeer);
      assertThat(offer.get("from").get("userId").asText()).isEqualTo(student);
      assertThat(offer.get("from").get("role").asText()).isEqualTo("student");

      t.send("{\"type\":\"answer\",\"sdp\":\"v=0 answer\"}");
      assertThat(s.next("answer").at("/from/peerId").asText()).isEqualTo(tutorPeer);
      t.send("{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"candidate:1 1 udp 1 "
          + "127.0.0.1 9 typ host\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
      assertThat(s.next("ice-candidate").at("/candidate/sdpMid").asText()).isEqualTo("0");
      s.send("{\"type\":\"ice-candidate\",\"candidate\":null}");
      assertThat(t.next("ice-candidate").get("candidate").isNull()).isTrue();
      t.send("{\"type\":\"media-state\",\"audio\":false,\"video\":true,\"screen\":false}");
      assertThat(s.next("media-state").get("audio").asBoolean()).isFalse();
      s.send("{\"type\":\"chat\",\"text\":\"hello\"}");
      assertThat(t.next("chat").get("text").asText()).isEqualTo("hello");
      s.send("{\"type\":\"ping\",\"id\":\"p\"}");
      assertThat(s.next("pong").get("ref").asText()).isEqualTo("p");

      t.send("{\"type\":\"leave-session\"}");
      assertThat(s.next("user-left").get("peerId").asText()).isEqualTo(tutorPeer);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> api.server.rooms().peersOf(session.id())
        .isEmpty());
  }

  @Test
  void aLeaveWhileTheJoinIsInProgressIsToldSoAndTheJoinStillAnswers() throws IOException {
    VideoSession session = lesson();
    try (RawWebSocket s = new RawWebSocket(api.server.port(), api.token(student, "student"))) {
      // One write: the server reads the leave with the join, before the join's look-up (off
      // the event loop) can answer.
      s.sendTexts("{\"type\":\"join-session\",\"id\":\"j\",\"sessionToken\":\""
          + session.sessionToken() + "\"}", "{\"type\":\"leave-session\",\"id\":\"l\"}");

      JsonNode refused = JSON.readTree(s.readText());
      assertThat(refused.get("type").asText()).isEqualTo("error");
      assertThat(refused.get("ref").asText()).isEqualTo("l");
      assertThat(refused.get("message").asText()).contains("a join is in progress");
      JsonNode joined = JSON.readTree(s.readText());
      assertThat(joined.get("type").asText()).isEqualTo("session-joined");
      assertThat(joined.get("ref").asText()).isEqualTo("j");
    }
  }

  @Test
  void strangersAreForbiddenAndAThirdPeerFindsTheRoomFull() {
    VideoSession session = lesson();
    try (WsClient s = connect(student, "student"); WsClient t = connect(tutor, "tutor");
        WsClient stranger = connect("mallory", "student");
        WsClient admin = connect("ada", "admin")) {
      JsonNode refused = stranger.join(session.sessionToken());
      assertThat(refused.get("type").asText()).isEqualTo("error");
      assertThat(refused.get("code").asText()).isEqualTo("FORBIDDEN");
      assertThat(refused.get("ref").asText()).isEqualTo("j");

      s.join(session.sessionToken());
      t.join(session.sessionToken());
      JsonNode full = admin.join(session.sessionToken());
      assertThat(full.get("code").asText()).isEqualTo("ROOM_FULL");

      assertThat(stranger.join("no-such-token").get("code").asText())
          .isEqualTo("SESSION_NOT_FOUND");
      stranger.send("{\"type\":\"offer\",\"sdp\":\"v=0\",\"id\":\"o1\"}");
      JsonNode notJoined = stranger.next("error");
      assertThat(notJoined.get("code").asText()).isEqualTo("NOT_JOINED");
      assertThat(notJoined.get("ref").asText()).isEqualTo("o1");
      s.awaitType("user-joined");
      s.send("{\"type\":\"offer\",\"sdp\":\"v=0\",\"to\":\"nobody\"}");
      assertThat(s.next("error").get("code").asText()).isEqualTo("PEER_NOT_FOUND");
      assertThat(s.join(session.sessionToken()).get("code").asText())
          .isEqualTo("ALREADY_JOINED");
    }
  }

  @Test
  void badTokensAndForeignOriginsAreRefusedBeforeTheUpgrade() {
    int port = api.server.port();
    String token = api.token(student, "student");

    assertThat(WsClient.upgradeStatus(port, "", null)).isEqualTo(401);
    assertThat(WsClient.upgradeStatus(port, "?access_token=garbage", null)).isEqualTo(401);
    assertThat(WsClient.upgradeStatus(port, "?access_token=" + token, "https://evil.example"))
        .isEqualTo(403);
    assertThat(WsClient.upgradeStatus(port, "?access_token=" + token, ORIGIN)).isEqualTo(101);
    // The server's own classroom page is same-origin, whatever ALLOWED_ORIGINS says.
    assertThat(WsClient.upgradeStatus(port, "?access_token=" + token,
        "http://127.0.0.1:" + port)).isEqualTo(101);
  }

  @Test
  void endingTheSessionOverHttpKicksBothPeersAndRefusesLaterJoins() {
    VideoSession session = lesson();
    try (WsClient s = connect(student, "student"); WsClient t = connect(tutor, "tutor")) {
      s.join(session.sessionToken());
      t.join(session.sessionToken());

      assertThat(api.client.post("/api/video/session/" + session.id() + "/end",
          api.token(tutor, "tutor"), "").statusCode()).isEqualTo(200);

      assertThat(s.awaitType("session-ended").get("reason").asText()).isEqualTo("ended");
      assertThat(t.awaitType("session-ended").get("reason").asText()).isEqualTo("ended");
      assertThat(s.awaitClose(Duration.ofSeconds(5))).isEqualTo(4002);
      assertThat(t.awaitClose(Duration.ofSeconds(5))).isEqualTo(4002);
    }
    try (WsClient late = connect(student, "student")) {
      assertThat(late.join(session.sessionToken()).get("code").asText())
          .isEqualTo("SESSION_ENDED");
    }
  }

  @Test
  void aTutorTakenOffTheBookingCannotJoinOnTheStrengthOfAnEarlierLookUp() {
    String bookingId = "b-" + UUID.randomUUID();
    VideoSession session = api.booking(bookingId, student, tutor, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
    try (WsClient s = connect(student, "student"); WsClient t = connect(tutor, "tutor")) {
      s.join(session.sessionToken()); // the look-up a later join could reuse

      api.booking(bookingId, student, "other-tutor", BookingMode.ONLINE,
          BookingStatus.CONFIRMED);

      assertThat(t.join(session.sessionToken()).get("code").asText()).isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void cancellingTheBookingEndsTheLiveSessionAndTellsAnEmbeddersListenersToo() {
    String bookingId = "b-" + UUID.randomUUID();
    VideoSession session = api.booking(bookingId, student, tutor, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
    List<String> heard = new CopyOnWriteArrayList<>();
    // Listeners once replaced the room's own hook: a backend listening left peers in the room.
    api.server.sessions().addSessionEndListener((ended, reason) -> {
      if (ended.bookingId().equals(bookingId)) {
        throw new IllegalStateException("an embedder's listener that fails");
      }
    });
    api.server.sessions().addSessionEndListener((ended, reason) -> {
      if (ended.bookingId().equals(bookingId)) {
        heard.add(reason.wireName());
      }
    });
    try (WsClient s = connect(student, "student")) {
      s.join(session.sessionToken());

      api.booking(bookingId, student, tutor, BookingMode.ONLINE, BookingStatus.CANCELLED);

      assertThat(s.awaitType("session-ended").get("reason").asText())
          .isEqualTo("booking-cancelled");
      assertThat(s.awaitClose(Duration.ofSeconds(5))).isEqualTo(4002);
      assertThat(heard).containsExactly("booking-cancelled");
    }
  }

  @Test
  void aStudentTakenOffTheBookingIsClosedAndTheNewStudentMayJoin() {
    String bookingId = "b-" + UUID.randomUUID();
    VideoSession session = api.booking(bookingId, student, tutor, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
    String newStudent = "stu-" + UUID.randomUUID();
    try (WsClient s = connect(student, "student"); WsClient t = connect(tutor, "tutor")) {
      s.join(session.sessionToken());
      t.join(session.sessionToken());

      api.booking(bookingId, newStudent, tutor, BookingMode.ONLINE, BookingStatus.CONFIRMED);

      // Before, the former student stayed in the lesson and the new one met ROOM_FULL.
      assertThat(s.awaitType("error").get("code").asText()).isEqualTo("FORBIDDEN");
      assertThat(s.awaitClose(Duration.ofSeconds(5))).isEqualTo(4005);
      assertThat(t.awaitType("user-left").get("userId").asText()).isEqualTo(student);
      try (WsClient n = connect(newStudent, "student")) {
        assertThat(n.join(session.sessionToken()).get("type").asText())
            .isEqualTo("session-joined");
        assertThat(t.awaitType("user-joined").get("userId").asText()).isEqualTo(newStudent);
      }
    }
  }

  @Test
  void anAdminInTheRoomStaysWhenTheBookingChangesHands() {
    String bookingId = "b-" + UUID.randomUUID();
    VideoSession session = api.booking(bookingId, student, tutor, BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
    try (WsClient s = connect(student, "student"); WsClient admin = connect("ops", "admin")) {
      s.join(session.sessionToken());
      admin.join(session.sessionToken());

      api.booking(bookingId, "stu-" + UUID.randomUUID(), tutor, BookingMode.ONLINE,
          BookingStatus.CONFIRMED);

      assertThat(s.awaitClose(Duration.ofSeconds(5))).isEqualTo(4005);
      assertThat(admin.awaitType("user-left").get("userId").asText()).isEqualTo(student);
      assertThat(admin.isClosed()).isFalse();
      admin.send("{\"type\":\"ping\",\"id\":\"still\"}");
      assertThat(admin.awaitType("pong").get("ref").asText()).isEqualTo("still");
    }
  }

  @Test
  void joiningAgainReplacesTheOlderConnection() {
    VideoSession session = lesson();
    try (WsClient first = connect(student, "student"); WsClient t = connect(tutor, "tutor")) {
      String firstPeer = first.join(session.sessionToken()).get("peerId").asText();
      t.join(session.sessionToken());
      try (WsClient second = connect(student, "student")) {
        JsonNode joined = second.join(session.sessionToken());

        assertThat(joined.get("type").asText()).isEqualTo("session-joined");
        assertThat(first.awaitClose(Duration.ofSeconds(5))).isEqualTo(4001);
        assertThat(t.next("user-left").get("peerId").asText()).isEqualTo(firstPeer);
        assertThat(t.next("user-joined").get("peerId").asText())
            .isEqualTo(joined.get("peerId").asText());
        assertThat(api.server.rooms().peersOf(session.id())).hasSize(2);
      }
    }
  }

  @Test
  void aClientThatOnlyAnswersPingsStaysInTheLesson() throws Exception {
    VideoSession session = lesson();
    try (WsClient t = connect(tutor, "tutor"); RawWebSocket quiet = rawStudentBeside(t, session)) {
      // Pongs are all it sends: four ping intervals, twice the time that closes a silent one.
      assertThat(quiet.answerPings(4)).isTrue();

      t.send("{\"type\":\"ping\",\"id\":\"still-there\"}");
      assertThat(t.next("pong").get("ref").asText()).isEqualTo("still-there");
      assertThat(api.server.rooms().peersOf(session.id())).hasSize(2);
    }
  }

  @Test
  void aVanishedClientIsNoticedAndTheOtherPeerSeesItLeave() throws Exception {
    VideoSession session = lesson();
    try (WsClient t = connect(tutor, "tutor"); RawWebSocket silent = rawStudentBeside(t, session)) {
      // From here the raw client answers no ping and sends nothing, like a dropped network.
      JsonNode left = t.next("user-left");

      assertThat(left.get("userId").asText()).isEqualTo(student);
      assertThat(silent.readCloseCode()).isEqualTo(CloseCode.IDLE_TIMEOUT.code());
    }
  }

  /** The student on a bare socket, joined to the session after the tutor, who has seen it. */
  private RawWebSocket rawStudentBeside(WsClient tutorClient, VideoSession session)
      throws Exception {
    tutorClient.join(session.sessionToken());
    RawWebSocket raw = new RawWebSocket(api.server.port(), api.token(student, "student"));
    try {
      raw.sendText("{\"type\":\"join-session\",\"sessionToken\":\""
          + session.sessionToken() + "\"}");
      assertThat(raw.readText()).contains("session-joined");
      tutorClient.next("user-joined");
      return raw;
    } catch (Exception | AssertionError e) {
      raw.close();
      throw e;
    }
  }
}
