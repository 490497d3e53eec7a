package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.server.http.ApiServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} over real HTTP, after a real lesson. */
class MetricsIT {

  @Test
  void aLessonShowsInTheMetricsAndItsEndInTheCloses() throws Exception {
    try (ApiServer api = ApiServer.start()) {
      try (JoinedLesson lesson = JoinedLesson.open(api, "stu-m", "tut-m")) {
        lesson.student().send("{\"type\":\"ice-candidate\",\"candidate\":null}");
        lesson.tutor().next("ice-candidate");

        HttpResponse<String> live = api.client.get("/metrics", null);
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(live.headers().firstValue("content-type"))
            .hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(live.body()).contains(
            "# TYPE tutorme_sessions_live gauge\ntutorme_sessions_live 1\n",
            "\ntutorme_websocket_connections 2\n",
            "\ntutorme_messages_relayed_total 1\n",
            "\ntutorme_blocking_work_queued 0\n");

        api.client.post("/api/video/session/" + lesson.session().id() + "/end",
            api.token("stu-m", "student"), "");
        lesson.student().awaitClose(Duration.ofSeconds(10));
        lesson.tutor().awaitClose(Duration.ofSeconds(10));
      }
      HttpResponse<String> after = api.client.get("/metrics", null);
      assertThat(after.body()).contains("\ntutorme_sessions_live 0\n",
          "\ntutorme_websocket_closes_total{code=\"4002\",reason=\"session_ended\"} 2\n");
    }
  }
}
