package com.tutorme.video.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.TutorMeServer;
import com.tutorme.video.storage.TestDatabases;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The generator's figures when the run is not what was asked for: what they count, and what
 * the run says went wrong instead of reporting a server under load.
 */
class LoadGeneratorFaultsIT {

  /**
   * A message sent before the window (in the lead-in, or a ramp's earlier step) that arrives
   * in it is not counted there: it made a stalled server's window deliver more than it sent.
   */
  @Test
  void aMessageSentBeforeTheWindowIsNotCountedInIt() throws Exception {
    try (BareRelay bare = BareRelay.start(0)) {
      Options options = relay(bare.port(), "--bare", "--pairs", "2", "--rate", "40");
      RelayMessage late = new RelayMessage(options.messageBytes());
      AtomicReference<Runnable> onceTheWindowOpens = new AtomicReference<>(() -> { });
      // The "measuring" line is said once the window has opened: a message stamped before it
      // and sent then arrives inside it, as one delayed by a stalled server would.
      RelayScenario scenario = new RelayScenario(options, line -> onceTheWindowOpens.get().run());
      RelayResult result = scenario.run(pairs -> {
        WsPeer peer = pairs.get(0)[0];
        long beforeTheWindow = System.nanoTime();
        onceTheWindowOpens.set(() -> peer.send(late.encode(peer.alloc(), beforeTheWindow)));
        return scenario.measure(pairs, 40, 1);
      });

      assertThat(result.sent()).isEqualTo(40);
      assertThat(result.delivered()).isEqualTo(40);
      assertThat(result.problems()).isEmpty();
    }
  }

  /** Each loop's share in whole messages: at 7 msg/s over eight loops, none was sent. */
  @Test
  void aSmallRateOverManyLoopsSendsEveryMessage() throws Exception {
    try (BareRelay bare = BareRelay.start(0)) {
      RelayResult result = new RelayScenario(relay(bare.port(), "--bare", "--pairs", "20",
          "--rate", "7", "--loops", "8"), line -> { }).run();

      assertThat(result.sent()).isEqualTo(7);
      assertThat(result.delivered()).isEqualTo(7);
    }
  }

  /** The server gone: its connections closed, nothing sent on them, no latencies of 0. */
  @Test
  void aServerThatStopsMidRunIsAProblemNotAResult() throws Exception {
    TutorMeServer server = TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory()));
    try {
      RelayScenario scenario = new RelayScenario(relay(server.port(), "--pairs", "2",
          "--rate", "40"), line -> { });
      RelayResult result = scenario.run(pairs -> {
        server.close(); // each connection told 1001, going away
        for (WsPeer[] pair : pairs) {
          for (WsPeer peer : pair) {
            peer.closed().get(10, TimeUnit.SECONDS);
          }
        }
        return scenario.measure(pairs, 40, 1);
      });

      assertThat(result.connectionsClosed()).isEqualTo(4);
      assertThat(result.sent()).isZero();
      assertThat(result.notSent()).isEqualTo(40);
      assertThat(result.latencies()).isNull();
      assertThat(result.asJson()).containsEntry("latencyMs", null)
          .containsEntry("connectionsClosed", 4).containsEntry("notSent", 40L);
      assertThat(result.summary()).contains("latency ms  none: nothing was delivered");
      assertThat(result.problems()).singleElement().asString()
          .startsWith("4 of 4 connections were closed during the run (40 messages not sent)");
    } finally {
      server.close();
    }
  }

  /** Messages the server refuses (here, over a connection's rate) are said, with its words. */
  @Test
  void messagesTheServerRefusesAreCountedAndSaid() throws Exception {
    try (TutorMeServer server =
        TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory()))) {
      RelayResult result = new RelayScenario(relay(server.port(), "--pairs", "1", "--rate",
          "600"), line -> { }).run();

      assertThat(result.serverErrors()).isPositive();
      assertThat(result.firstServerError()).contains("RATE_LIMITED");
      assertThat(result.problems()).anyMatch(problem -> problem.contains(
          "messages were answered with an error, not relayed; the first: {\"type\":\"error\""));
      assertThat(result.asJson().get("serverErrors")).isEqualTo(result.serverErrors());
    }
  }

  /** The largest message the generator makes is one the server relays. */
  @Test
  void theLargestMessageIsRelayed() throws Exception {
    try (TutorMeServer server =
        TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory()))) {
      RelayResult result = new RelayScenario(relay(server.port(), "--pairs", "1", "--rate",
          "20", "--message-bytes", Integer.toString(RelayMessage.MAX_BYTES)), line -> { })
          .run();

      assertThat(result.delivered()).isEqualTo(20);
      assertThat(result.problems()).isEmpty();
    }
  }

  /** One second measured, no lead-in, against 127.0.0.1:{@code port}. */
  private static Options relay(int port, String... flags) {
    String[] base = {"relay", "--server", "http://127.0.0.1:" + port, "--seconds", "1",
        "--lead-in", "0"};
    String[] all = new String[base.length + flags.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(flags, 0, all, base.length, flags.length);
    return Options.parse(all);
  }
}
