package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the signaling edge: connections closed by the server, by close code; messages
 * relayed; connections moved between event loops, on joining and live.
 */
public final class SignalingStats {
  private final Map<CloseCode, LongAdder> closes = new EnumMap<>(CloseCode.class);

  public SignalingStats() {
    for (CloseCode code : CloseCode.values()) {
      closes.put(code, new LongAdder());
    }
  }

  private final LongAdder relayed = new LongAdder();
  private final LongAdder movesOnJoin = new LongAdder();
  private final LongAdder liveMoves = new LongAdder();

  void closed(CloseCode code) {
    closes.get(code).increment();
  }

  void relayed() {
    relayed.increment();
  }

  void movedOnJoin() {
    movesOnJoin.increment();
  }

  void movedLive() {
    liveMoves.increment();
  }

  /** How many messages peers have relayed to each other since the server started. */
  public long messagesRelayed() {
    return relayed.sum();
  }

  /**
   * How many joining connections were moved to another event loop: their partner's, or for a
   * session's first peer one the loop balancer keeps in use.
   */
  public long movesOnJoin() {
    return movesOnJoin.sum();
  }

  /**
   * How many connections already in a session the loop balancer moved to another loop (a
   * session's two peers are two).
   */
  public long liveMoves() {
    return liveMoves.sum();
  }

  /** How many connections the server has closed with this code since it started. */
  public long closes(CloseCode code) {
    return closes.get(code).sum();
  }
}
