package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.server.room.PeerSink;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A connection moved to another event loop while it is live in a session loses nothing and
 * reorders nothing. Each test splits a session over two loops (loop affinity off), starts
 * moving the student's connection to the tutor's loop, and holds the student's old loop up
 * right there: Netty hands a connection over in a task of the old loop, so everything sent to
 * the student meanwhile, from the tutor's loop or from another thread, piles up while the
 * connection is between loops, and must come out in the order it went in.
 */
class LiveMoveIT {
  private static final String STUDENT = "stu-" + UUID.randomUUID();
  private static final String TUTOR = "tut-" + UUID.randomUUID();

  @Test
  void whatThePartnerSendsDuringAMoveArrivesInOrder() throws Exception {
    try (ApiServer api = ApiServer.start(LiveMoveIT::splittable);
        JoinedLesson lesson = JoinedLesson.open(api, STUDENT, TUTOR)) {
      HeldMove move = HeldMove.start(api, lesson);
      sendChats(lesson.tutor(), 1, 20);
      move.awaitRelayed(20);
      move.release();
      sendChats(lesson.tutor(), 21, 60);

      List<String> received = new ArrayList<>();
      List<String> expected = new ArrayList<>();
      for (int i = 1; i <= 60; i++) {
        received.add(lesson.student().next("chat").get("text").asText());
        expected.add("t" + i);
      }
      assertThat(received).isEqualTo(expected);
      move.assertArrived();
      lesson.student().send(chat("moved"));
      assertThat(lesson.tutor().awaitType("chat").get("text").asText()).isEqualTo("moved");
    }
  }

  @Test
  void aSessionEndedDuringAMoveIsToldBeforeTheClose() throws Exception {
    try (ApiServer api = ApiServer.start(LiveMoveIT::splittable);
        JoinedLesson lesson = JoinedLesson.open(api, STUDENT, TUTOR)) {
      HeldMove move = HeldMove.start(api, lesson);
      sendChats(lesson.tutor(), 1, 5);
      move.awaitRelayed(5);
      // From the test's thread, as the HTTP API's would: session-ended, then the 4002 close.
      api.server.rooms().endSession(lesson.session().id(), "tutor-ended");
      move.release();

      for (int i = 1; i <= 5; i++) {
        assertThat(lesson.student().next("chat").get("text").asText()).isEqualTo("t" + i);
      }
      assertThat(lesson.student().next("session-ended").get("reason").asText())
          .isEqualTo("tutor-ended");
      assertThat(lesson.student().awaitClose(Duration.ofSeconds(5)))
          .isEqualTo(CloseCode.SESSION_ENDED.code());
    }
  }

  @Test
  void aServerStoppingDuringAMoveTellsTheMovingConnectionWhy() throws Exception {
    try (ApiServer api = ApiServer.start(LiveMoveIT::splittable);
        JoinedLesson lesson = JoinedLesson.open(api, STUDENT, TUTOR)) {
      HeldMove move = HeldMove.start(api, lesson);
      Thread stopping = new Thread(api.server::close, "stopping");
      try {
        stopping.start();
        // Its close frame waits in its outbox for the move to land, and the stop has gone on
        // to close every connection and wait for that: it must not cut this one off.
        Outbox held = Outbox.of(move.student.channel());
        await().atMost(Duration.ofSeconds(5)).until(() -> held.hasWaiting()
            && stopping.getState() == Thread.State.TIMED_WAITING);
      } finally {
        move.release(); // a failure above leaves no loop held
      }

      assertThat(lesson.student().awaitClose(Duration.ofSeconds(5)))
          .isEqualTo(CloseCode.GOING_AWAY.code());
      assertThat(lesson.tutor().awaitClose(Duration.ofSeconds(5)))
          .isEqualTo(CloseCode.GOING_AWAY.code());
      stopping.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(stopping.isAlive()).as("stopped").isFalse();
    }
  }

  /** The student's connection, caught between its loop and the tutor's. */
  private static final class HeldMove {
    private final ApiServer api;
    private final ChannelPeerSink student;
    private final EventLoop to;
    private final long relayedBefore;
    private final long movesBefore;
    private final CountDownLatch release = new CountDownLatch(1);

    private HeldMove(ApiServer api, ChannelPeerSink student, EventLoop to) {
      this.api = api;
      this.student = student;
      this.to = to;
      this.relayedBefore = api.server.signalingStats().messagesRelayed();
      this.movesBefore = api.server.signalingStats().liveMoves();
    }

    static HeldMove start(ApiServer api, JoinedLesson lesson) {
      SessionLoops.of(api, lesson.session()); // both in the room, their timers running
      List<PeerSink> sinks = api.server.rooms().sinksOf(lesson.session().id());
      ChannelPeerSink student = (ChannelPeerSink) sinks.get(0);
      ChannelPeerSink tutor = (ChannelPeerSink) sinks.get(1);
      EventLoop from = student.channel().eventLoop();
      if (tutor.channel().eventLoop() == from) { // dealt the same loop: split them first
        long moved = api.server.signalingStats().liveMoves();
        tutor.moveTo(otherLoop(from));
        await().atMost(Duration.ofSeconds(5))
            .until(() -> api.server.signalingStats().liveMoves() == moved + 1);
      }
      HeldMove move = new HeldMove(api, student, tutor.channel().eventLoop());
      // One task: on its loop with nothing waiting, the move starts at once, and Netty's
      // hand-over, a task of its own, queues behind this one, which then waits.
      from.execute(() -> {
        student.moveTo(move.to);
        try {
          move.release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      await().atMost(Duration.ofSeconds(5))
          .until(() -> Outbox.of(student.channel()).isMoving());
      return move;
    }

    /** The server has relayed this many messages toward the held connection. */
    void awaitRelayed(int count) {
      await().atMost(Duration.ofSeconds(5)).until(
          () -> api.server.signalingStats().messagesRelayed() >= relayedBefore + count);
      assertThat(Outbox.of(student.channel()).isMoving()).as("still held").isTrue();
    }

    void release() {
      release.countDown();
    }

    void assertArrived() {
      assertThat(student.channel().eventLoop()).isSameAs(to);
      assertThat(api.server.signalingStats().liveMoves()).isEqualTo(movesBefore + 1);
    }

    private static EventLoop otherLoop(EventLoop than) {
      for (EventExecutor loop : than.parent()) {
        if (loop != than) {
          return (EventLoop) loop;
        }
      }
      throw new AssertionError("the server has one loop");
    }
  }

  /** Chats "t{first}" to "t{last}", in order. */
  private static void sendChats(WsClient tutor, int first, int last) {
    for (int i = first; i <= last; i++) {
      tutor.send(chat("t" + i));
    }
  }

  private static String chat(String text) {
    return "{\"type\":\"chat\",\"text\":\"" + text + "\"}";
  }

  /** Four loops and no affinity (so no balancer): a session may be split, and stays so. */
  private static ServerConfig splittable(ServerConfig config) {
    return config.withEventLoops(4)
        .withSignaling(SignalingSettings.DEFAULTS.withLoopAffinity(false));
  }
}
