package com.tutorme.video.benchmarks;

import com.tutorme.video.protocol.ClientMessage;
import com.tutorme.video.protocol.Sender;
import com.tutorme.video.protocol.ServerMessage;
import com.tutorme.video.protocol.SignalingCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The codec work of one relayed ICE candidate, the most frequent message of a call: decoding
 * the client's frame, encoding the stamped one, and both together (the per-message protocol
 * cost of the relay, without the network).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RelayCodecBenchmark {
  /** A ~300-byte candidate as Chrome sends it, with a client id. */
  static final String FRAME = "{\"type\":\"ice-candidate\",\"id\":\"c-17\",\"to\":\"Qm1xYz9a8b7c\","
      + "\"candidate\":{\"candidate\":\"candidate:842163049 1 udp 1677729535 203.0.113.7 46154"
      + " typ srflx raddr 10.0.0.4 rport 46154 generation 0 ufrag EsAw network-cost 999\","
      + "\"sdpMid\":\"0\",\"sdpMLineIndex\":0,\"usernameFragment\":\"EsAw\"}}";
  static final Sender FROM = new Sender("Zx8yW7v6U5t4", "demo-tutor", "tutor");

  static final byte[] FRAME_UTF8 = FRAME.getBytes(StandardCharsets.UTF_8);

  private final ClientMessage.IceCandidate decoded =
      (ClientMessage.IceCandidate) SignalingCodec.decode(FRAME);

  @Benchmark
  public ClientMessage decode() {
    return SignalingCodec.decode(FRAME);
  }

  /** As the server reads a frame: from its UTF-8 bytes, no string of the frame. */
  @Benchmark
  public ClientMessage decodeUtf8() {
    return SignalingCodec.decodeUtf8(FRAME_UTF8, 0, FRAME_UTF8.length);
  }

  /** As the server writes a frame: into a buffer of Netty's default allocator, as it does. */
  @Benchmark
  public int encodeIntoPooledBuffer() {
    ByteBuf out = ByteBufAllocator.DEFAULT.buffer(256);
    try {
      SignalingCodec.encodeUtf8(new ServerMessage.IceCandidate(decoded.candidate(), FROM),
          new ByteBufOutputStream(out));
      return out.readableBytes();
    } finally {
      out.release();
    }
  }

  @Benchmark
  public byte[] encode() {
    return SignalingCodec.encodeUtf8(new ServerMessage.IceCandidate(decoded.candidate(), FROM));
  }

  @Benchmark
  public byte[] relay() {
    ClientMessage.IceCandidate in = (ClientMessage.IceCandidate) SignalingCodec.decode(FRAME);
    return SignalingCodec.encodeUtf8(new ServerMessage.IceCandidate(in.candidate(), FROM));
  }
}
