package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the signaling edge: connections closed by the server, by close code, and
 * connections moved to their partner's event loop.
 */
public final class SignalingStats {
  private final Map<CloseCode, LongAdder> closes = new EnumMap<>(CloseCode.class);

  public SignalingStats() {
    for (CloseCode code : CloseCode.values()) {
      closes.put(code, new LongAdder());
    }
  }

  private final LongAdder loopMoves = new LongAdder();

  void closed(CloseCode code) {
    closes.get(code).increment();
  }

  void movedToPartnerLoop() {
    loopMoves.increment();
  }

  /** How many joining connections were moved to the event loop of their session's partner. */
  public long movesToPartnerLoop() {
    return loopMoves.sum();
  }

  /** How many connections the server has closed with this code since it started. */
  public long closes(CloseCode code) {
    return closes.get(code).sum();
  }
}
