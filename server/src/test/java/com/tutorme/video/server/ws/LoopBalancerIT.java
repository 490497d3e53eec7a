package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.VideoSession;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Sessions gather on one event loop while the server is quiet, spread over the loops when the
 * relayed rate needs them, and gather again when it falls; live sessions that are moved lose
 * nothing and reorder nothing. The server has four loops, whatever the machine, and a tiny
 * {@code messagesPerLoop} so that a test's trickle of messages counts as load.
 */
class LoopBalancerIT {
  private static final String STUDENT = "stu-" + UUID.randomUUID();
  private static final String TUTOR = "tut-" + UUID.randomUUID();
  private static final int SESSIONS = 4;
  private static final int MESSAGES_PER_LOOP = 20;

  @Test
  void sessionsSpreadUnderLoadAndGatherWhenItFallsLosingNothing() throws Exception {
    try (ApiServer api = ApiServer.start(LoopBalancerIT::fourLoops)) {
      List<JoinedLesson> lessons = new ArrayList<>();
      try {
        for (int i = 0; i < SESSIONS; i++) {
          lessons.add(JoinedLesson.open(api, STUDENT, TUTOR));
        }
        List<VideoSession> sessions = lessons.stream().map(JoinedLesson::session).toList();
        // Dealt round the four loops on connecting, the first peers were moved to the one loop
        // in use on joining, and their partners followed.
        assertThat(api.server.eventLoopsInUse()).isEqualTo(1);
        assertThat(loopsOf(api, sessions)).hasSize(1);

        Traffic traffic = new Traffic(lessons);
        traffic.start(30); // 4 sessions x 2 peers x 30 a second: 240/s, over 20 per loop
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
          assertThat(api.server.eventLoopsInUse()).isEqualTo(4);
          assertThat(loopsOf(api, sessions)).as("one session to each loop").hasSize(4);
        });
        long spreadMoves = api.server.signalingStats().liveMoves();
        assertThat(spreadMoves).as("both peers of three sessions").isGreaterThanOrEqualTo(6);

        traffic.rate(1); // 8/s: one loop at under two-thirds of its 20
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
          assertThat(api.server.eventLoopsInUse()).isEqualTo(1);
          assertThat(loopsOf(api, sessions)).hasSize(1);
        });
        assertThat(api.server.signalingStats().liveMoves()).isGreaterThan(spreadMoves);

        int sent = traffic.stop();
        for (JoinedLesson lesson : lessons) {
          assertThat(chats(lesson.tutor(), sent)).as("the student's, in order")
              .isEqualTo(numbered("s", sent));
          assertThat(chats(lesson.student(), sent)).as("the tutor's, in order")
              .isEqualTo(numbered("t", sent));
          assertThat(lesson.student().isClosed() || lesson.tutor().isClosed()).isFalse();
        }
      } finally {
        lessons.forEach(JoinedLesson::close);
      }
    }
  }

  @Test
  void withBalancingOffEveryLoopIsInUse() throws Exception {
    try (ApiServer api = ApiServer.start(config -> fourLoops(config).withSignaling(
        SignalingSettings.DEFAULTS.withMessagesPerLoop(0)))) {
      assertThat(api.server.eventLoopsInUse()).isEqualTo(4);
      List<JoinedLesson> lessons = new ArrayList<>();
      try {
        for (int i = 0; i < SESSIONS; i++) {
          lessons.add(JoinedLesson.open(api, STUDENT, TUTOR));
        }
        // The control for the first test: sessions stay on the loops they were dealt.
        assertThat(loopsOf(api, lessons.stream().map(JoinedLesson::session).toList()))
            .hasSizeGreaterThan(1);
        assertThat(api.server.signalingStats().liveMoves()).isZero();
      } finally {
        lessons.forEach(JoinedLesson::close);
      }
    }
  }

  /** The loops the sessions are on; fails if a session's two peers are on two loops. */
  private static Set<EventLoop> loopsOf(ApiServer api, List<VideoSession> sessions) {
    Set<EventLoop> loops = new HashSet<>();
    for (VideoSession session : sessions) {
      EventLoop shared = SessionLoops.shared(api, session);
      assertThat(shared).as("both peers of a session on one loop").isNotNull();
      loops.add(shared);
    }
    return loops;
  }

  /** The texts of the first {@code count} chat messages the client receives. */
  private static List<String> chats(WsClient client, int count) {
    List<String> texts = new ArrayList<>();
    while (texts.size() < count) {
      JsonNode message = client.next();
      if (message.path("type").asText().equals("chat")) {
        texts.add(message.path("text").asText());
      }
    }
    return texts;
  }

  private static List<String> numbered(String prefix, int count) {
    List<String> texts = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      texts.add(prefix + i);
    }
    return texts;
  }

  /**
   * Each student and tutor sends numbered chat messages to the other, in rounds at a rate the
   * test sets (under the per-connection limit of 50 a second), from one thread.
   */
  private static final class Traffic {
    private final List<JoinedLesson> lessons;
    private final AtomicInteger roundsPerSecond = new AtomicInteger();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private CompletableFuture<Integer> rounds;

    Traffic(List<JoinedLesson> lessons) {
      this.lessons = lessons;
    }

    void start(int perSecond) {
      roundsPerSecond.set(perSecond);
      rounds = CompletableFuture.supplyAsync(() -> {
        int round = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // bounded
        while (!stopping.get() && System.nanoTime() < deadline) {
          round++;
          for (JoinedLesson lesson : lessons) {
            lesson.student().send("{\"type\":\"chat\",\"text\":\"s" + round + "\"}");
            lesson.tutor().send("{\"type\":\"chat\",\"text\":\"t" + round + "\"}");
          }
          try {
            TimeUnit.MILLISECONDS.sleep(1000 / roundsPerSecond.get()); // pacing, not waiting
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
        return round;
      });
    }

    void rate(int perSecond) {
      roundsPerSecond.set(perSecond);
    }

    /** Stops after the round in progress; how many rounds were sent. */
    int stop() throws Exception {
      stopping.set(true);
      return rounds.get(10, TimeUnit.SECONDS);
    }
  }

  private static ServerConfig fourLoops(ServerConfig config) {
    return config.withEventLoops(4).withSignaling(
        SignalingSettings.DEFAULTS.withMessagesPerLoop(MESSAGES_PER_LOOP));
  }
}
