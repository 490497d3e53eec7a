package com.tutorme.video.server.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
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
  private final RelayMessage message;
  private final Consumer<String> progress;

  RelayScenario(Options options) {
    this(options, System.err::println);
  }

  /** @param progress where the lines said while it runs go (not the report) */
  RelayScenario(Options options, Consumer<String> progress) {
    this.options = options;
    this.message = new RelayMessage(options.messageBytes());
    this.progress = progress;
  }

  RelayResult run() throws Exception {
    return run(pairs -> {
      leadIn(pairs, options.rate(), options.leadInSeconds());
      return measure(pairs, options.rate(), options.seconds());
    });
  }

  /** Sets up the pairs, lets {@code body} measure over them, and tears them down. */
  <T> T run(Measurement<T> body) throws Exception {
    List<WsPeer[]> pairs = new ArrayList<>();
    try (Clients clients = new Clients(options.loops())) {
      try {
        setUp(clients.bootstrap, pairs);
        return body.over(pairs);
      } finally {
        Lessons.closeAll(pairs);
      }
    }
  }

  /** What is measured once the pairs are up. */
  interface Measurement<T> {
    T over(List<WsPeer[]> pairs) throws Exception;
  }

  private void setUp(Bootstrap base, List<WsPeer[]> pairs) throws Exception {
    List<Lessons.Tickets> lessons = Lessons.prepare(options, options.pairs());
    pairs.addAll(Lessons.join(base, URI.create(options.server()), lessons, CONNECT_CONCURRENCY,
        new Recorder(3)));
    for (WsPeer[] pair : pairs) {
      pair[0].onFrame(this::receive);
      pair[1].onFrame(this::receive);
    }
  }

  /**
   * Sends as the measurement will, unmeasured. Setting up the pairs runs code (HTTP, tokens,
   * the database, joins) that makes the server's JIT compiler recompile the relay path for
   * seconds afterwards; without this, that warm-up is charged to the first relayed messages.
   */
  void leadIn(List<WsPeer[]> pairs, int rate, int seconds) throws Exception {
    if (seconds > 0) {
      drain(PacedSender.send(pairs, rate, seconds, message));
      delivered.reset();
    }
  }

  /** Sends at {@code rate} messages per second for {@code seconds}, then drains. */
  RelayResult measure(List<WsPeer[]> pairs, int rate, int seconds) throws Exception {
    // Progress for whoever watches a long ramp, and the mark scripts/profile waits for: the
    // set-up and the lead-in are over, what follows is measured.
    progress.accept(String.format(Locale.ROOT, "%s: measuring %d msg/s for %d s",
        options.scenario(), rate, seconds));
    ProcessStats serverBefore = ProcessStats.of(options.serverPid());
    long selfBefore = ProcessStats.selfCpuMillis();
    LatencyWindow window = new LatencyWindow(latencyMicros, options.timelineSeconds(),
        progress, options.scenario());
    long start = System.nanoTime();
    long sent;
    Histogram histogram;
    try {
      sent = PacedSender.send(pairs, rate, seconds, message);
      drain(sent);
    } finally {
      histogram = window.close(); // its timeline stops, whatever happened
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    ProcessStats serverAfter = ProcessStats.of(options.serverPid());
    long selfCpu = ProcessStats.selfCpuMillis() - selfBefore;
    long got = delivered.sumThenReset();
    return new RelayResult(pairs.size(), rate, seconds, sent, got,
        got / Math.min(elapsed, seconds), ms(histogram, 50), ms(histogram, 90),
        ms(histogram, 99), ms(histogram, 99.9), histogram.getMaxValue() / 1000.0,
        perThousand(serverAfter.cpuMillis(), serverBefore.cpuMillis(), got),
        perThousand(serverAfter.compilerCpuMillis(), serverBefore.compilerCpuMillis(), got),
        serverAfter.rssKb(), got == 0 ? 0 : selfCpu * 1000.0 / got, options.loops());
  }

  /** Waits, up to 3 s, until what was sent has arrived. */
  private void drain(long sent) {
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (delivered.sum() < sent && System.nanoTime() < drainUntil) {
      LockSupport.parkNanos(10_000_000);
    }
  }

  /**
   * CPU milliseconds per 1,000 messages, or -1 when the server's figures are unknown. Never
   * below 0: a compiler thread that exits in the window takes its CPU out of the later sum.
   */
  private static double perThousand(long after, long before, long messages) {
    return before < 0 || after < 0 || messages == 0 ? -1
        : Math.max(0, after - before) * 1000.0 / messages;
  }

  private void receive(ByteBuf frame) {
    long sentAt = RelayMessage.sentAtNanos(frame);
    if (sentAt < 0) {
      return;
    }
    latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
    delivered.increment();
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
