package com.tutorme.video.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.server.ServerClosedException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Stopping the server (SIGTERM's close()) while a request is in flight. */
class GracefulStopIT {

  /**
   * A request being served when the server stops is finished and answered before its
   * connection closes: it was cut off with no status though its booking was written.
   */
  @Test
  void aRequestInFlightIsAnsweredBeforeTheServerStops() throws Exception {
    CountDownLatch writing = new CountDownLatch(1);
    CountDownLatch mayFinish = new CountDownLatch(1);
    try (ApiServer api = ApiServer.start()) {
      // Booking listeners run inside the request's work, after the write: one holds it here.
      api.server.sessions().addBookingChangeListener((session, booking) -> {
        writing.countDown();
        await(mayFinish);
      });
      CompletableFuture<HttpResponse<String>> put = CompletableFuture.supplyAsync(() ->
          api.client.put("/api/bookings/b-stop", api.token("booking-backend", "service"),
              BookingApiIT.body("ONLINE", "CONFIRMED")));
      assertThat(writing.await(30, TimeUnit.SECONDS)).isTrue();

      CompletableFuture<Void> stopping = CompletableFuture.runAsync(api.server::close);
      awaitRefused(api.server.port()); // closing has begun: it accepts no more
      mayFinish.countDown();

      HttpResponse<String> answered = put.get(30, TimeUnit.SECONDS);
      assertThat(answered.statusCode()).isEqualTo(200);
      assertThat(ApiClient.json(answered).at("/session/status").asText()).isEqualTo("ACTIVE");
      stopping.get(30, TimeUnit.SECONDS);
    } finally {
      mayFinish.countDown();
    }
  }

  /** One that arrives on an open connection while the server drains is told to go elsewhere. */
  @Test
  void workRefusedWhileStoppingIsAnswered503() {
    ApiResponse refused = HttpApiHandler.errorResponse(
        new CompletionException(new ServerClosedException()));

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.headers()).containsEntry("Retry-After", "1");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void awaitRefused(int port) {
    Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(10))
        .until(() -> !accepts(port));
  }

  private static boolean accepts(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }
}
