package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.server.http.ApiServer;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.VideoSession;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A server stopping tells its connections to go elsewhere (1001) instead of just vanishing,
 * whether or not they have joined a lesson yet.
 */
class ShutdownIT {

  @Test
  void peersAreClosedWith1001WhenTheServerStops() throws Exception {
    ApiServer api = ApiServer.start();
    VideoSession session = api.booking("shutdown", "stu", "tut", BookingMode.ONLINE,
        BookingStatus.CONFIRMED).session().orElseThrow();
    try (WsClient joined = WsClient.connect(api.server.port(), api.token("stu", "student"));
        WsClient waiting = WsClient.connect(api.server.port(), api.token("tut", "tutor"))) {
      joined.join(session.sessionToken());
      waiting.send("{\"type\":\"ping\"}").next("pong"); // connected, not yet joined

      api.close();

      assertThat(joined.awaitClose(Duration.ofSeconds(10))).isEqualTo(1001);
      assertThat(waiting.awaitClose(Duration.ofSeconds(10))).isEqualTo(1001);
    }
  }
}
