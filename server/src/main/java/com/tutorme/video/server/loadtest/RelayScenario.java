package com.tutorme.video.server.loadtest;

import com.tutorme.video.server.auth.Role;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * P pairs, each in a session of its own, exchange ICE-candidate-sized messages at an aggregate
 * rate for a while; each message carries its send time, so the receiver (in this JVM) measures
 * one-way latency.
 */
final class RelayScenario {
  private static final int CONNECT_CONCURRENCY = 64;

  private final Options options;
  private final LongAdder delivered = new LongAdder();
  private final Recorder latencyMicros = new Recorder(3);

  RelayScenario(Options options) {
    this.options = options;
  }

  RelayResult run() throws Exception {
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    List<WsPeer[]> pairs = new ArrayList<>();
    try {
      Bootstrap base = new Bootstrap().group(group).channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
      setUp(base, pairs);
      return measure(pairs);
    } finally {
      pairs.forEach(pair -> {
        pair[0].close();
        pair[1].close();
      });
      group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
  }

  private void setUp(Bootstrap base, List<WsPeer[]> pairs) throws Exception {
    Fixtures fixtures = new Fixtures(options);
    URI server = URI.create(options.server());
    String run = UUID.randomUUID().toString().substring(0, 8);
    Semaphore inFlight = new Semaphore(CONNECT_CONCURRENCY);
    List<CompletableFuture<WsPeer[]>> pending = new ArrayList<>();
    for (int i = 0; i < options.pairs(); i++) {
      String student = "lt-" + run + "-s" + i;
      String tutor = "lt-" + run + "-t" + i;
      String sessionToken = fixtures.lesson("lt-" + run + "-" + i, student, tutor);
      String studentToken = fixtures.token(student, Role.STUDENT);
      String tutorToken = fixtures.token(tutor, Role.TUTOR);
      inFlight.acquire();
      CompletableFuture<WsPeer[]> pair = join(base, server, studentToken, sessionToken)
          .thenCombine(join(base, server, tutorToken, sessionToken),
              (a, b) -> new WsPeer[] {a, b})
          .whenComplete((ok, failure) -> inFlight.release());
      pending.add(pair);
    }
    for (CompletableFuture<WsPeer[]> pair : pending) {
      WsPeer[] peers = pair.get(60, TimeUnit.SECONDS);
      CompletableFuture.allOf(peers[0].partnerSeen, peers[1].partnerSeen)
          .get(30, TimeUnit.SECONDS);
      for (WsPeer peer : peers) {
        peer.onText(this::receive);
      }
      pairs.add(peers);
    }
  }

  private static CompletableFuture<WsPeer> join(Bootstrap base, URI server, String token,
      String sessionToken) {
    return WsPeer.connect(base, server, token).thenCompose(peer -> {
      peer.send("{\"type\":\"join-session\",\"sessionToken\":\"" + sessionToken + "\"}");
      return peer.joined.thenApply(ack -> peer);
    });
  }

  private RelayResult measure(List<WsPeer[]> pairs) throws InterruptedException {
    String padding = "x".repeat(Math.max(0, options.messageBytes() - 190));
    ProcessStats serverBefore = ProcessStats.of(options.serverPid());
    long selfBefore = ProcessStats.selfCpuMillis();
    latencyMicros.reset();
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(options.seconds());
    long sent = 0;
    for (long now = start; now < end; now = System.nanoTime()) {
      long due = (long) ((now - start) / 1e9 * options.rate());
      while (sent < due) {
        WsPeer[] pair = pairs.get((int) (sent % pairs.size()));
        // Alternate directions, so both peers of a pair send and receive.
        WsPeer from = (sent / pairs.size()) % 2 == 0 ? pair[0] : pair[1];
        from.send("{\"type\":\"ice-candidate\",\"candidate\":{\"candidate\":\"candidate:842163049"
            + " 1 udp 1677729535 203.0.113.7 46154 typ srflx raddr 10.0.0.4 rport 46154"
            + " generation 0 ufrag EsAw network-cost 999 " + padding + " ts=" + System.nanoTime()
            + "\",\"sdpMid\":\"0\",\"sdpMLineIndex\":0}}");
        sent++;
      }
      LockSupport.parkNanos(200_000);
    }
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (delivered.sum() < sent && System.nanoTime() < drainUntil) {
      LockSupport.parkNanos(10_000_000);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    ProcessStats serverAfter = ProcessStats.of(options.serverPid());
    long selfCpu = ProcessStats.selfCpuMillis() - selfBefore;
    long got = delivered.sum();
    Histogram histogram = latencyMicros.getIntervalHistogram();
    double serverCpuPer1000 = serverBefore.cpuMillis() < 0 || got == 0 ? -1
        : (serverAfter.cpuMillis() - serverBefore.cpuMillis()) * 1000.0 / got;
    return new RelayResult(options.pairs(), options.rate(), options.seconds(), sent, got,
        got / Math.min(elapsed, options.seconds()), ms(histogram, 50), ms(histogram, 90),
        ms(histogram, 99), ms(histogram, 99.9), histogram.getMaxValue() / 1000.0,
        serverCpuPer1000, serverAfter.rssKb(), got == 0 ? 0 : selfCpu * 1000.0 / got);
  }

  private void receive(String text) {
    int at = text.lastIndexOf(" ts=");
    if (!text.startsWith("{\"type\":\"ice-candidate\"") || at < 0) {
      return;
    }
    long sentAt = 0;
    for (int i = at + 4; i < text.length() && Character.isDigit(text.charAt(i)); i++) {
      sentAt = sentAt * 10 + (text.charAt(i) - '0');
    }
    latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
    delivered.increment();
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
