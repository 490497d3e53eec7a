package com.tutorme.video.server.loadtest;

import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The latencies of one measured window, and with {@code --timeline S} a line every S seconds
 * of that part of it: a tail made by a few stalls (a collector's pause, a descheduled core)
 * shows as a few bad lines among good ones, a saturated server as lines getting worse. Each
 * line takes what the recorder has gathered since the last, and the window's histogram is
 * what the lines took and what came after the last of them: nothing is recorded twice.
 */
final class LatencyWindow {
  private final Recorder recorder;
  private final Histogram whole = new Histogram(3);
  private final ScheduledExecutorService ticker;
  private final Consumer<String> progress;
  private final String label;
  private final long startNanos = System.nanoTime();
  private long lineNanos = startNanos;
  private boolean closed;

  /** Starts the window; the recorder's earlier values are dropped. */
  LatencyWindow(Recorder recorder, int everySeconds, Consumer<String> progress, String label) {
    this.recorder = recorder;
    this.progress = progress;
    this.label = label;
    recorder.reset();
    if (everySeconds <= 0) {
      this.ticker = null;
      return;
    }
    this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "latency-timeline");
      thread.setDaemon(true); // a run that fails does not wait for it
      return thread;
    });
    ticker.scheduleAtFixedRate(this::line, everySeconds, everySeconds, TimeUnit.SECONDS);
  }

  private synchronized void line() {
    if (closed) {
      return;
    }
    long now = System.nanoTime();
    Histogram part = recorder.getIntervalHistogram();
    whole.add(part);
    double seconds = (now - lineNanos) / 1e9;
    lineNanos = now;
    progress.accept(String.format(Locale.ROOT,
        "%s: %5.1f s  %7.0f msg/s  p50 %.2f  p99 %.2f  max %.2f ms", label,
        (now - startNanos) / 1e9, seconds > 0 ? part.getTotalCount() / seconds : 0,
        ms(part, 50), ms(part, 99), part.getMaxValue() / 1000.0));
  }

  /** Ends the window: no more lines; every latency recorded since it opened. */
  synchronized Histogram close() {
    closed = true;
    if (ticker != null) {
      ticker.shutdownNow();
    }
    whole.add(recorder.getIntervalHistogram());
    return whole;
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }
}
