package com.tutorme.video.benchmarks;

import com.tutorme.video.protocol.CloseCode;
import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.server.room.JoinResult;
import com.tutorme.video.server.room.Peer;
import com.tutorme.video.server.room.PeerSink;
import com.tutorme.video.server.room.RoomRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The room's part of a relay: finding the session's other peer among 1,000 live rooms and
 * handing it the message (to a sink that only consumes it, so no network is measured).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoomRelayBenchmark {
  private final RoomRegistry rooms = new RoomRegistry(2);
  private Peer sender;
  private ServerMessage message;

  @Setup
  public void fillRooms(Blackhole blackhole) {
    PeerSink sink = new PeerSink() {
      @Override
      public void send(ServerMessage m) {
        blackhole.consume(m);
      }

      @Override
      public void close(CloseCode code) {
        blackhole.consume(code);
      }
    };
    for (int i = 0; i < 1000; i++) {
      String session = "s" + i;
      JoinResult first = rooms.join(session, "u" + i, "U", "student", sink, null, List.of());
      rooms.join(session, "t" + i, "T", "tutor", sink, null, List.of());
      if (i == 500) {
        sender = ((JoinResult.Joined) first).peer();
      }
    }
    message = new ServerMessage.Chat("hello", sender.sender(), "2026-11-24T10:00:00Z");
  }

  @Benchmark
  public ErrorCode relayToTheOtherPeer() {
    return rooms.relay(sender, null, message);
  }
}
