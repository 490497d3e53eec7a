package com.tutorme.video.server.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.tutorme.video.server.ServerConfig;
import com.tutorme.video.server.TutorMeServer;
import com.tutorme.video.server.auth.AuthSettings;
import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.TestDatabases;
import io.netty.channel.ConnectTimeoutException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Recorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Short runs of every scenario against the real server: sane figures, not speed targets. */
class LoadGeneratorIT {

  @Test
  void aShortRelayRunDeliversEverythingAndReportsLatencies() throws Exception {
    try (TutorMeServer server =
        TutorMeServer.start(ServerConfig.local(TestDatabases.h2InMemory()))) {
      RelayResult result = shortRelay(server.port());

      assertThat(result.lost()).isZero();
      assertThat(result.p50()).isPositive();
      assertThat(result.p50()).isLessThanOrEqualTo(result.p99());
      assertThat(result.p99()).isLessThanOrEqualTo(result.max());
      assertThat(result.serverCpuMsPer1000()).isPositive();
      assertThat(result.serverCompilerCpuMsPer1000())
          .isBetween(0.0, result.serverCpuMsPer1000());
      assertThat(result.serverRssKb()).isPositive();
      assertThat(result.asJson()).containsKeys("latencyMs", "lost", "deliveredPerSecond");
      assertThat(result.summary()).contains("0 lost").contains("messages, 2 event loops\n");
    }
  }

  @Test
  void shortJoinStormIdleAndRampRunsReportSaneFigures() throws Exception {
    DatabaseSettings database = TestDatabases.h2InMemory();
    try (TutorMeServer server = TutorMeServer.start(ServerConfig.local(database))) {
      String url = "http://127.0.0.1:" + server.port();
      String pid = Long.toString(ProcessHandle.current().pid());

      JoinStormScenario storms = new JoinStormScenario(Options.parse(new String[] {
          "join-storm", "--server", url, "--connections", "10", "--concurrency", "3",
          "--server-pid", pid, "--lead-in-storms", "2"}));
      Report storm = storms.run();
      Report again = storms.run(); // as --runs 2 does: no second lead-in
      Report noLeadIn = new JoinStormScenario(Options.parse(new String[] {"join-storm",
          "--server", url, "--connections", "4", "--lead-in-storms", "0"})).run();
      int booked = lessonsBooked(database);
      Report idle = new IdleScenario(Options.parse(new String[] {"idle", "--server", url,
          "--connections", "6", "--seconds", "1", "--server-pid", pid, "--loops", "1"})).run();

      assertThat(storm.json()).containsEntry("connections", 10).containsEntry("generatorLoops", 2);
      assertThat((Double) storm.json().get("joinsPerSecond")).isPositive();
      // Counted in 10 ms steps: a short warm storm may take less than one.
      assertThat((Double) storm.json().get("generatorCpuMsPerJoin")).isNotNegative();
      assertThat(storm.summary()).contains("join-storm: 10 connections")
          .contains("after 2 untimed storms of 10 connections");
      assertThat(storm.json()).containsEntry("leadInStorms", 2)
          .containsEntry("leadInStormConnections", 10);
      assertThat(again.json()).containsEntry("connections", 10)
          .as("this run led in with none").containsEntry("leadInStorms", 0);
      assertThat(again.summary()).doesNotContain("untimed");
      assertThat(noLeadIn.json()).containsEntry("leadInStorms", 0)
          .containsEntry("leadInStormConnections", 0);
      assertThat(booked).as("two lead-in storms of their own, once a process; then 5 + 5 + 2")
          .isEqualTo(2 * 5 + 5 + 5 + 2);
      assertThat(idle.json()).containsEntry("stillOpen", 6L).containsEntry("generatorLoops", 1);
      assertThat(idle.json().get("serverRssKbAfter")).isNotNull();

      Report ramp = new RampScenario(Options.parse(new String[] {"ramp", "--server", url,
          "--pairs", "3", "--rate", "60", "--max-rate", "120", "--seconds", "1",
          "--lead-in", "0"})).run();
      assertThat((List<?>) ramp.json().get("steps")).isNotEmpty().hasSizeLessThan(3);
      assertThat(ramp.summary()).contains("last rate that held");
      assertThat(ramp.json()).containsEntry("generatorLoops", 2);
    }
  }

  /** A server configured as production is (a public key, issuer, audience) can be driven. */
  @Test
  void aServerCheckingTokensWithAPublicKeyIsDrivenWithItsPrivateHalf(@TempDir Path temp)
      throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = generator.generateKeyPair();
    Path pem = Files.writeString(temp.resolve("signing.pem"), "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
        + "\n-----END PRIVATE KEY-----\n");
    AuthSettings production = new AuthSettings(null, new ECKey.Builder(Curve.P_256,
        (ECPublicKey) pair.getPublic()).build(), null, "https://id.example", "tutorme-video",
        30, false);
    try (TutorMeServer server = TutorMeServer.start(
        ServerConfig.local(TestDatabases.h2InMemory()).withAuth(production))) {
      RelayResult result = shortRelay(server.port(), "--jwt-private-key", pem.toString(),
          "--jwt-issuer", "https://id.example", "--jwt-audience", "tutorme-video");

      assertThat(result.problems()).isEmpty();
    }
  }

  @Test
  void theBareRelayFloorIsDrivenLikeTheServer() throws Exception {
    try (BareRelay bare = BareRelay.start(0)) {
      RelayResult result = shortRelay(bare.port(), "--bare", "--loops", "1");

      assertThat(result.p50()).isPositive();
      assertThat(result.serverCpuMsPer1000()).isPositive();
      assertThat(result.asJson()).containsEntry("generatorLoops", 1);
      assertThat(result.summary()).contains("messages, 1 event loop\n");
    }
  }

  @Test
  void theGeneratorsConnectionsAreSpreadOverTheLoopsAskedFor() throws Exception {
    try (BareRelay bare = BareRelay.start(0)) {
      for (int loops : new int[] {1, 3}) {
        Options options = Options.parse(new String[] {"relay", "--bare", "--pairs", "6",
            "--server", "http://127.0.0.1:" + bare.port(), "--loops", Integer.toString(loops)});
        long used = new RelayScenario(options).run(pairs -> pairs.stream()
            .flatMap(Arrays::stream).map(WsPeer::eventLoop).distinct().count());
        assertThat(used).isEqualTo(loops);
      }
    }
  }

  @Test
  void aTimelineSaysEachSecondOfTheMeasuredWindow() throws Exception {
    try (BareRelay bare = BareRelay.start(0)) {
      List<String> said = new CopyOnWriteArrayList<>();
      RelayResult result = new RelayScenario(Options.parse(new String[] {"relay", "--bare",
          "--server", "http://127.0.0.1:" + bare.port(), "--pairs", "4", "--rate", "200",
          "--seconds", "3", "--lead-in", "1", "--timeline", "1"}), said::add).run();

      assertThat(result.delivered()).isEqualTo(result.sent());
      assertThat(said.get(0)).isEqualTo("relay: measuring 200 msg/s for 3 s");
      // One a second until the window closes: 3 s of sending and up to 3 s of draining.
      List<String> lines = said.subList(1, said.size());
      assertThat(lines).hasSizeBetween(2, 6).allMatch(line -> line.matches(
          "relay: +\\d+\\.\\d s +\\d+ msg/s  p50 [\\d.]+  p99 [\\d.]+  max [\\d.]+ ms"));
      assertThat(lines.get(0)).doesNotContain(" 0 msg/s");
    }
  }

  /**
   * Four pairs at 200 msg/s for 1 s unmeasured and then 2 s measured, against this process:
   * all delivered, and only the measured window's messages counted.
   */
  private static RelayResult shortRelay(int port, String... extraFlags) throws Exception {
    List<String> flags = new ArrayList<>(List.of("relay", "--server", "http://127.0.0.1:" + port,
        "--pairs", "4", "--rate", "200", "--seconds", "2", "--lead-in", "1",
        "--server-pid", Long.toString(ProcessHandle.current().pid())));
    flags.addAll(List.of(extraFlags));
    RelayResult result = new RelayScenario(Options.parse(flags.toArray(String[]::new))).run();
    assertThat(result.sent()).isBetween(350L, 400L);
    assertThat(result.delivered()).isEqualTo(result.sent());
    return result;
  }

  @Test
  void aRunWithNoServerToReachIsExplainedInOneLine() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String url = "http://127.0.0.1:" + closedPort;
    Options storm = Options.parse(new String[] {"join-storm", "--server", url,
        "--connections", "2", "--lead-in-storms", "0"});
    Options bare = Options.parse(new String[] {"relay", "--bare", "--server", url,
        "--pairs", "1", "--seconds", "1"});

    Throwable stormFailure = catchThrowable(() -> new JoinStormScenario(storm).run());
    Throwable bareFailure = catchThrowable(() -> new RelayScenario(bare).run());

    assertThat(LoadTest.explain(stormFailure, storm)).startsWith("nothing answers at " + url)
        .endsWith("; start the server (scripts/run) or pass --server");
    assertThat(LoadTest.explain(bareFailure, bare))
        .startsWith("nothing answers at " + url).contains("Connection refused")
        .contains("start the bare relay (scripts/loadtest bare-relay " + closedPort + ";")
        .endsWith("or pass --server where it runs (its default port is 18090)");
    assertThat(LoadTest.expected(stormFailure)).isTrue();
    // No port, so 80: one only root may take, which the hint does not send anyone to.
    Options noPort = Options.parse(new String[] {"relay", "--bare", "--server",
        "http://127.0.0.1"});
    ConnectException nothingOn80 = new ConnectException("Connection refused");
    assertThat(LoadTest.explain(new ExecutionException(nothingOn80), noPort)).isEqualTo(
        "nothing answers at http://127.0.0.1:80 (Connection refused); start the bare relay"
            + " (scripts/loadtest bare-relay; it listens on 127.0.0.1:18090) and pass --server"
            + " http://127.0.0.1:18090");
    ConnectTimeoutException unanswered =
        new ConnectTimeoutException("connection timed out after 10000 ms: /127.0.0.1:9");
    assertThat(LoadTest.explain(new ExecutionException(unanswered), storm)).isEqualTo(
        "could not connect to " + url + " (connection timed out after 10000 ms: /127.0.0.1:9)");
    assertThat(LoadTest.expected(unanswered)).isTrue();
    IOException refused = new IOException("could not get booking b: HTTP 401");
    assertThat(LoadTest.explain(new ExecutionException(refused), storm))
        .isEqualTo("the run failed: " + refused);
    assertThat(LoadTest.expected(new ExecutionException(new NullPointerException())))
        .as("a fault of the generator's own keeps its stack trace").isFalse();
    assertThat(LoadTest.expected(new ExecutionException(new IllegalStateException("bug"))))
        .as("so does one that throws what Netty or the JDK would").isFalse();
    assertThat(LoadTest.expected(new ExecutionException(new WsPeer.Failure("join refused"))))
        .isTrue();
  }

  /**
   * A server that accepts and never answers: the join gives up with the first pair that times
   * out and starts no other; it used to start every pair, each after the last had timed out.
   */
  @Test
  void aStalledServerFailsTheJoinWithItsFirstPair() throws Exception {
    List<Socket> accepted = new ArrayList<>();
    try (ServerSocketChannel stalled = ServerSocketChannel.open();
        Clients clients = new Clients(2)) {
      stalled.bind(new InetSocketAddress("127.0.0.1", 0), 64);
      URI server = URI.create("http://127.0.0.1:" + stalled.socket().getLocalPort());
      List<Lessons.Tickets> fivePairs = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        fivePairs.add(new Lessons.Tickets("s" + i, "student", "tutor"));
      }

      Throwable failure = catchThrowable(() -> Lessons.join(clients.bootstrap, server,
          fivePairs, 1, new Recorder(3), Duration.ofSeconds(1)));

      assertThat(failure).isInstanceOf(TimeoutException.class)
          .hasMessage("pair 1 of 5 was not connected, joined and paired within 1 s");
      // Every connection made is in the backlog by now (the first pair's for a second).
      stalled.configureBlocking(false);
      for (SocketChannel next; (next = stalled.accept()) != null; ) {
        next.configureBlocking(true);
        accepted.add(next.socket());
      }
      assertThat(accepted).as("the first pair's two connections, and no other").hasSize(2);
      for (Socket connection : accepted) {
        connection.setSoTimeout(5000);
        InputStream upgradeRequest = connection.getInputStream();
        while (upgradeRequest.read() != -1) {
          // read to the end: the generator closed it, unanswered
        }
      }
    } finally {
      for (Socket connection : accepted) {
        connection.close();
      }
    }
  }

  /**
   * A peer refused at once fails its pair at once, though its partner hangs: the join used to
   * wait for both, and reported the pair's timeout rather than the refusal.
   */
  @Test
  void aPeerRefusedFailsItsPairAtOnceThoughItsPartnerHangs() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        Clients clients = new Clients(2)) {
      Thread answering = new Thread(() -> refuseStudentsIgnoreTutors(server));
      answering.setDaemon(true);
      answering.start();

      Throwable failure = catchThrowable(() -> Lessons.join(clients.bootstrap,
          URI.create("http://127.0.0.1:" + server.getLocalPort()),
          List.of(new Lessons.Tickets("s", "student", "tutor")), 1, new Recorder(3),
          Duration.ofSeconds(3))); // under the 10 s the tutor's upgrade may take to time out

      assertThat(failure).isInstanceOf(WsPeer.Failure.class)
          .hasMessageStartingWith("upgrade refused").hasMessageContaining("401");
      assertThat(LoadTest.expected(failure)).isTrue();
      Throwable notHttp = catchThrowable(() -> Lessons.join(clients.bootstrap,
          URI.create("http://127.0.0.1:" + server.getLocalPort()),
          List.of(new Lessons.Tickets("s", "smtp", "tutor")), 1, new Recorder(3),
          Duration.ofSeconds(3)));
      assertThat(notHttp).as("a server that is not HTTP: Netty makes its answer status 999")
          .isInstanceOf(WsPeer.Failure.class).hasMessageContaining("getStatus: 999");
      assertThat(LoadTest.expected(notHttp)).isTrue();
    }
  }

  /**
   * Answers 401 to upgrades with the token "student" and a mail server's greeting to "smtp";
   * reads and ignores every other.
   */
  private static void refuseStudentsIgnoreTutors(ServerSocket server) {
    List<Socket> held = new ArrayList<>();
    try {
      while (true) {
        Socket connection = server.accept();
        held.add(connection);
        String requestLine = new BufferedReader(new InputStreamReader(
            connection.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (requestLine != null && requestLine.contains("access_token=student")) {
          String refusal = "HTTP/1.1 401 Unauthorized\r\ncontent-length: 0\r\n\r\n";
          connection.getOutputStream().write(refusal.getBytes(StandardCharsets.US_ASCII));
        } else if (requestLine != null && requestLine.contains("access_token=smtp")) {
          connection.getOutputStream().write(
              "220 mail.example ESMTP\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
      }
    } catch (IOException closed) {
      for (Socket connection : held) {
        try {
          connection.close();
        } catch (IOException ignored) {
          // closing what the test is done with
        }
      }
    }
  }

  /** Bookings the generator made, read from the server's database. */
  private static int lessonsBooked(DatabaseSettings database) throws SQLException {
    try (Connection connection = DriverManager.getConnection(database.jdbcUrl(),
        database.user(), database.password());
        ResultSet count = connection.createStatement()
            .executeQuery("SELECT COUNT(*) FROM booking WHERE id LIKE 'lt-%'")) {
      count.next();
      return count.getInt(1);
    }
  }
}
