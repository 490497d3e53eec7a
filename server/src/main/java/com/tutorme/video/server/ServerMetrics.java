package com.tutorme.video.server;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.server.http.PrometheusText;
import com.tutorme.video.server.room.RoomRegistry;
import com.tutorme.video.server.ws.SignalingStats;
import com.tutorme.video.server.ws.WebSocketGate;
import java.util.Locale;

/**
 * What {@code GET /metrics} reports: live lessons and connections, what the relay has done,
 * and the blocking work waiting, read from the counters the server keeps anyway. Reading them
 * takes no lock and no database.
 */
final class ServerMetrics {
  private final RoomRegistry rooms;
  private final WebSocketGate gate;
  private final SignalingStats signaling;
  private final BlockingExecutor blocking;

  ServerMetrics(RoomRegistry rooms, WebSocketGate gate, SignalingStats signaling,
      BlockingExecutor blocking) {
    this.rooms = rooms;
    this.gate = gate;
    this.signaling = signaling;
    this.blocking = blocking;
  }

  byte[] scrape() {
    PrometheusText text = new PrometheusText()
        .gauge("tutorme_sessions_live", "Video sessions with at least one peer connected.",
            rooms.roomCount())
        .gauge("tutorme_websocket_connections",
            "Signaling WebSocket connections open (or being upgraded).", gate.openConnections())
        .counter("tutorme_messages_relayed_total",
            "Messages peers relayed to each other since the server started.",
            signaling.messagesRelayed())
        .family("tutorme_websocket_closes_total",
            "Signaling connections the server closed, by close code.", "counter");
    for (CloseCode code : CloseCode.values()) {
      text.sample("tutorme_websocket_closes_total", String.format(Locale.ROOT,
          "code=\"%d\",reason=\"%s\"", code.code(), code.name().toLowerCase(Locale.ROOT)),
          signaling.closes(code));
    }
    return text
        .family("tutorme_loop_moves_total",
            "Connections moved between event loops: on joining, or live by the balancer.",
            "counter")
        .sample("tutorme_loop_moves_total", "when=\"join\"", signaling.movesOnJoin())
        .sample("tutorme_loop_moves_total", "when=\"live\"", signaling.liveMoves())
        .gauge("tutorme_blocking_work_queued",
            "Database work waiting for a thread; a database slower than the load shows here.",
            blocking.queued())
        .bytes();
  }
}
