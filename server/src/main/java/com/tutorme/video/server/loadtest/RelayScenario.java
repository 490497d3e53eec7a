package com.tutorme.video.server.loadtest;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
  private final Options options;
  private final RelayMessage message;
  private final Consumer<String> progress;
  /** What is being counted now; a message sent before it began belongs to another window. */
  private volatile Window window = new Window(Long.MAX_VALUE);

  /**
   * One window's messages: those sent since it began. One sent before, in the lead-in or an
   * earlier step of a ramp, that arrives late is no message of this one: counted, it made a
   * slow server's window deliver more than it sent.
   */
  private static final class Window {
    final long fromNanos;
    final LongAdder delivered = new LongAdder();
    final Recorder latencyMicros = new Recorder(3);
    final LongAdder serverErrors = new LongAdder();
    final AtomicReference<String> firstServerError = new AtomicReference<>();

    Window(long fromNanos) {
      this.fromNanos = fromNanos;
    }
  }

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
    pairs.addAll(Lessons.join(base, URI.create(options.server()), lessons,
        options.concurrency(), new Recorder(3)));
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
      Window leadIn = begin();
      drain(leadIn, PacedSender.send(pairs, rate, seconds, message).sent());
    }
  }

  /** Sends at {@code rate} messages per second for {@code seconds}, then drains. */
  RelayResult measure(List<WsPeer[]> pairs, int rate, int seconds) throws Exception {
    ProcessStats serverBefore = ProcessStats.of(options.serverPid());
    long selfBefore = ProcessStats.selfCpuMillis();
    Window counted = begin();
    // Progress for whoever watches a long ramp, and the mark scripts/profile waits for: the
    // set-up and the lead-in are over, what follows is measured.
    progress.accept(String.format(Locale.ROOT, "%s: measuring %d msg/s for %d s",
        options.scenario(), rate, seconds));
    LatencyWindow latencies = new LatencyWindow(counted.latencyMicros,
        options.timelineSeconds(), progress, options.scenario());
    long start = System.nanoTime();
    PacedSender.Sent sent;
    Histogram histogram;
    try {
      sent = PacedSender.send(pairs, rate, seconds, message);
      drain(counted, sent.sent());
    } finally {
      histogram = latencies.close(); // its timeline stops, whatever happened
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    ProcessStats serverAfter = ProcessStats.of(options.serverPid());
    long selfCpu = ProcessStats.selfCpuMillis() - selfBefore;
    long got = counted.delivered.sum();
    int closed = (int) pairs.stream().flatMap(Arrays::stream).filter(peer -> !peer.isOpen())
        .count();
    return new RelayResult(pairs.size(), rate, seconds, sent.sent(), got,
        got / Math.min(elapsed, seconds), RelayResult.Latencies.of(histogram),
        perThousand(serverAfter.cpuMillis(), serverBefore.cpuMillis(), got),
        perThousand(serverAfter.compilerCpuMillis(), serverBefore.compilerCpuMillis(), got),
        serverAfter.rssKb(), got == 0 ? 0 : selfCpu * 1000.0 / got, options.loops(),
        options.serverPid(), sent.notSent(), closed, counted.serverErrors.sum(),
        counted.firstServerError.get());
  }

  /** A new window, counting from now. */
  private Window begin() {
    Window begun = new Window(System.nanoTime());
    window = begun;
    return begun;
  }

  /** Waits, up to 3 s, until what was sent in {@code counted} has arrived. */
  private static void drain(Window counted, long sent) {
    long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (counted.delivered.sum() < sent && System.nanoTime() < drainUntil) {
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
    Window counting = window;
    long sentAt = RelayMessage.sentAtNanos(frame);
    if (sentAt >= counting.fromNanos) {
      counting.latencyMicros.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
      counting.delivered.increment();
    } else if (sentAt < 0 && ServerErrors.isError(frame)) {
      counting.serverErrors.increment();
      counting.firstServerError.compareAndSet(null, ServerErrors.describe(frame));
    }
  }
}
