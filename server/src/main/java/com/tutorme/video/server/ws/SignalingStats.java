package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.CloseCode;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the signaling edge: connections closed by the server, by close code. */
public final class SignalingStats {
  private final Map<CloseCode, LongAdder> closes = new EnumMap<>(CloseCode.class);

  public SignalingStats() {
    for (CloseCode code : CloseCode.values()) {
      closes.put(code, new LongAdder());
    }
  }

  void closed(CloseCode code) {
    closes.get(code).increment();
  }

  /** How many connections the server has closed with this code since it started. */
  public long closes(CloseCode code) {
    return closes.get(code).sum();
  }
}
