package com.tutorme.video.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code main} as an operator meets it: a real process, its exit status and its log lines. */
class MainIT {
  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  @TempDir Path dataDir;

  @Test
  void startsOnTheEmbeddedDatabaseAndExitsZeroOnSigterm() throws Exception {
    ServerProcess server = ServerProcess.start(Map.of(
        "PORT", "0", "HOST", "127.0.0.1", "DATA_DIR", dataDir.toString()));
    try {
      String line = server.awaitLine(LISTENING, 60);
      Matcher port = LISTENING.matcher(line);
      assertThat(port.find()).isTrue();
      assertThat(line).contains("database jdbc:h2:file:" + dataDir.toAbsolutePath());

      HttpResponse<String> health = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port.group(1) + "/healthz"))
              .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);

      // Process.destroy() would also close our end of its output; send the signal ourselves.
      new ProcessBuilder("kill", "-TERM", Long.toString(server.process.pid())).start().waitFor();
      assertThat(server.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(server.process.exitValue()).isZero();
      assertThat(server.output()).anyMatch(l -> l.contains("stopped"));
      assertThat(dataDir.resolve("tutorme.mv.db")).exists();
    } finally {
      server.process.destroyForcibly();
    }
  }

  @Test
  void aMalformedDatabaseUrlIsOneClearLineAndExitTwo() throws Exception {
    ServerProcess server = ServerProcess.start(Map.of(
        "PORT", "0", "DATABASE_URL", "mysql://root:hunter2@localhost/db"));

    assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.process.exitValue()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(server.output()).anyMatch(l -> l.contains("configuration error: DATABASE_URL"));
    assertNoStackTraceNorSecret(server.output());
  }

  @Test
  void aMalformedPortIsOneClearLineAndExitTwo() throws Exception {
    ServerProcess server = ServerProcess.start(Map.of("PORT", "eighty"));

    assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.process.exitValue()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(server.output())
        .anyMatch(l -> l.contains("configuration error: PORT must be a whole number"));
  }

  /**
   * A deployment whose secret did not arrive gets an empty JWT_SECRET: that was taken for no
   * key, so development mode, which hands anyone admin tokens, on every interface here.
   */
  @Test
  void anEmptySecretIsRefusedNotTakenForDevelopmentMode() throws Exception {
    ServerProcess server = ServerProcess.start(Map.of("PORT", "0", "HOST", "127.0.0.1",
        "JWT_SECRET", " "));

    assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.process.exitValue()).isEqualTo(Main.EXIT_CONFIG);
    assertThat(server.output()).anyMatch(l -> l.contains("configuration error: JWT_SECRET is"
        + " set but empty")).noneMatch(l -> l.contains("DEVELOPMENT MODE"));
  }

  @Test
  void theJarsArgumentsAndLogLevelAreCheckedToo() {
    assertThatThrownBy(() -> Main.checkTheJarsOwnSettings(new String[] {"--port", "9000"}, null))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(
            "the server takes no arguments (got '--port 9000'): it is configured by environment");
    assertThatThrownBy(() -> Main.checkTheJarsOwnSettings(new String[0], "VERBOSE"))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("LOG_LEVEL must be one of");
    Main.checkTheJarsOwnSettings(new String[0], "warn");
    Main.checkTheJarsOwnSettings(new String[0], null);
  }

  @Test
  void anUnreachableDatabaseIsOneClearLineAndExitThree() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ServerProcess server = ServerProcess.start(Map.of("PORT", "0",
        "DATABASE_URL", "postgresql://app:hunter2@127.0.0.1:" + closedPort + "/tutorme"));

    assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.process.exitValue()).isEqualTo(Main.EXIT_DATABASE);
    assertThat(server.output()).anyMatch(l -> l.contains(
        "cannot connect to jdbc:postgresql://127.0.0.1:" + closedPort + "/tutorme as app"));
    assertNoStackTraceNorSecret(server.output());
  }

  @Test
  void aPortInUseIsOneClearLineAndExitFour() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServerProcess server = ServerProcess.start(Map.of("HOST", "127.0.0.1",
          "PORT", Integer.toString(taken.getLocalPort()), "DATA_DIR", dataDir.toString()));

      // Before, the native transport's bind failure escaped as a trace and the process hung.
      assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(server.process.exitValue()).isEqualTo(Main.EXIT_BIND);
      assertThat(server.output()).anyMatch(l -> l.contains(
          "cannot listen on 127.0.0.1:" + taken.getLocalPort() + ": ")
          && l.contains("Address already in use"));
      assertNoStackTraceNorSecret(server.output());
    }
  }

  @Test
  void aHostThatDoesNotResolveIsOneClearLineAndExitFour() throws Exception {
    ServerProcess server = ServerProcess.start(Map.of("HOST", "no-such-host.invalid",
        "PORT", "0", "DATA_DIR", dataDir.toString()));

    assertThat(server.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(server.process.exitValue()).isEqualTo(Main.EXIT_BIND);
    assertThat(server.output()).anyMatch(l -> l.contains(
        "cannot listen on no-such-host.invalid:0: the host name does not resolve"));
    assertNoStackTraceNorSecret(server.output());
  }

  private static void assertNoStackTraceNorSecret(List<String> output) {
    assertThat(output).noneMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by"));
    assertThat(output).noneMatch(l -> l.contains("hunter2"));
  }

  /** The server's main class in a child JVM with the given environment, output collected. */
  private record ServerProcess(Process process, Thread reader, List<String> lines,
      LinkedBlockingQueue<String> queue) {

    static ServerProcess start(Map<String, String> env) throws IOException {
      ProcessBuilder builder = new ProcessBuilder(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-cp", System.getProperty("java.class.path"), Main.class.getName())
          .redirectErrorStream(true);
      builder.environment().keySet().removeIf(k -> k.startsWith("DATABASE_") || k.equals("PORT")
          || k.startsWith("JWT_"));
      builder.environment().putAll(env);
      Process process = builder.start();
      List<String> lines = new CopyOnWriteArrayList<>();
      LinkedBlockingQueue<String> queue = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> {
        try (BufferedReader in = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
          for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
            queue.add(line);
          }
        } catch (IOException e) {
          // the process ended
        }
      }, "server-output");
      reader.setDaemon(true);
      reader.start();
      return new ServerProcess(process, reader, lines, queue);
    }

    String awaitLine(Pattern pattern, int seconds) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < deadline) {
        String line = queue.poll(100, TimeUnit.MILLISECONDS);
        if (line != null && pattern.matcher(line).find()) {
          return line;
        }
      }
      throw new AssertionError("no line matching " + pattern + " in " + lines);
    }

    List<String> output() throws InterruptedException {
      process.waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000); // the last lines may still be in the pipe when the process ends
      return lines;
    }
  }
}
