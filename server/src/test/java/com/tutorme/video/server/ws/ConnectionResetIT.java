package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.tutorme.video.server.ConnectionErrors;
import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.VideoSession;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Clients that vanish with a TCP reset, mid-request or mid-lesson, are routine: the server
 * notes each in one debug line, warns about none of them, and its other users carry on.
 */
class ConnectionResetIT {
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger errors = (Logger) LoggerFactory.getLogger(ConnectionErrors.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level errorsLevel;

  @BeforeEach
  void captureLogs() {
    errorsLevel = errors.getLevel();
    errors.setLevel(Level.DEBUG);
    logged.start();
    root.addAppender(logged);
  }

  @AfterEach
  void releaseLogs() {
    root.detachAppender(logged);
    errors.setLevel(errorsLevel);
  }

  @Test
  void resetsMidRequestAndMidLessonAreLoggedQuietlyAndHarmNoOne() throws Exception {
    try (ApiServer api = ApiServer.start()) {
      int httpPort;
      int tutorPort;
      try (Socket http = new Socket("127.0.0.1", api.server.port())) {
        OutputStream out = http.getOutputStream();
        out.write(("POST /api/video/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"booking")
            .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        http.setSoLinger(true, 0); // close() now resets
        httpPort = http.getLocalPort();
      }
      VideoSession session = api.booking("b-reset", "stu-reset", "tut-reset",
          BookingMode.ONLINE, BookingStatus.CONFIRMED).session().orElseThrow();
      try (WsClient student = WsClient.connect(api.server.port(),
          api.token("stu-reset", "student"))) {
        student.join(session.sessionToken());
        RawWebSocket tutor = new RawWebSocket(api.server.port(),
            api.token("tut-reset", "tutor"));
        tutor.sendText("{\"type\":\"join-session\",\"sessionToken\":\""
            + session.sessionToken() + "\"}");
        student.next("user-joined");
        tutorPort = tutor.localPort();
        tutor.reset();

        assertThat(student.awaitType("user-left").get("userId").asText())
            .isEqualTo("tut-reset");
        student.send("{\"type\":\"ping\",\"id\":\"still-here\"}");
        assertThat(student.awaitType("pong").get("ref").asText()).isEqualTo("still-here");
      }

      for (int port : new int[] {httpPort, tutorPort}) {
        ILoggingEvent lost = await().atMost(Duration.ofSeconds(10)).until(
            () -> lostConnection(port), event -> event != null);
        assertThat(lost.getLevel()).isEqualTo(Level.DEBUG);
        assertThat(lost.getThrowableProxy()).as("no stack trace").isNull();
      }
      assertThat(List.copyOf(logged.list)).noneMatch(e -> e.getLevel().isGreaterOrEqual(Level.WARN)
          && e.getThrowableProxy() != null);
    }
  }

  private ILoggingEvent lostConnection(int clientPort) {
    return List.copyOf(logged.list).stream()
        .filter(e -> e.getLoggerName().equals(ConnectionErrors.class.getName()))
        .filter(e -> e.getFormattedMessage().contains(":" + clientPort + " lost"))
        .findFirst().orElse(null);
  }
}
