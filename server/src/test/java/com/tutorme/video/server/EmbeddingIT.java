package com.tutorme.video.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The server as a library inside another application's JVM. */
class EmbeddingIT {
  @Test
  void twoServersRunSideBySideTheirThreadsNamedAndAClosedOneSaysSo() throws Exception {
    ApiServer first = ApiServer.start();
    try (ApiServer second = ApiServer.start()) {
      assertThat(second.client.get("/healthz", null).statusCode()).isEqualTo(200);
      // A thread dump of the host tells our loops (started by the first connection) from
      // its own Netty's.
      assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
          .anyMatch(name -> name.startsWith("tutorme-loop-"))
          .anyMatch(name -> name.startsWith("tutorme-accept-"));

      first.close();

      Instant starts = Instant.parse("2026-12-01T15:00:00Z");
      assertThat(first.server.sessions().upsertBooking(new BookingUpdate("b-1", "stu", "tut",
          BookingMode.ONLINE, BookingStatus.CONFIRMED, starts, starts.plusSeconds(3600))))
          .failsWithin(Duration.ofSeconds(5)).withThrowableOfType(Exception.class)
          .havingRootCause().isInstanceOf(IllegalStateException.class)
          .withMessage("the server is closed");
      assertThat(second.client.get("/healthz", null).statusCode()).isEqualTo(200);
    } finally {
      first.close();
    }
  }
}
