package com.tutorme.video.server.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What a relay run measured. Latencies in milliseconds, none when nothing was delivered; CPU
 * per 1,000 delivered messages, -1 when unknown.
 */
record RelayResult(int pairs, int targetRate, int seconds, long sent, long delivered,
    double deliveredPerSecond, Latencies latencies, double serverCpuMsPer1000,
    double serverCompilerCpuMsPer1000, long serverRssKb, double generatorCpuMsPer1000,
    int generatorLoops, long serverPid, long notSent, int connectionsClosed, long serverErrors,
    String firstServerError) {

  /** One-way latencies of the delivered messages, in milliseconds. */
  record Latencies(double p50, double p90, double p99, double p999, double max) {
    /** Null for a window that delivered nothing: no latency is not a latency of 0. */
    static Latencies of(Histogram micros) {
      return micros.getTotalCount() == 0 ? null : new Latencies(ms(micros, 50), ms(micros, 90),
          ms(micros, 99), ms(micros, 99.9), micros.getMaxValue() / 1000.0);
    }

    private static double ms(Histogram micros, double percentile) {
      return micros.getValueAtPercentile(percentile) / 1000.0;
    }
  }

  long lost() {
    return sent - delivered;
  }

  /** NaN when nothing was delivered, which no limit holds for. */
  double p50() {
    return latencies == null ? Double.NaN : latencies.p50();
  }

  double p99() {
    return latencies == null ? Double.NaN : latencies.p99();
  }

  double max() {
    return latencies == null ? Double.NaN : latencies.max();
  }

  /**
   * What makes the run's figures something other than the relay's under load: connections the
   * server closed, messages it refused, nothing delivered. Empty for a sound run, lost
   * messages or not.
   */
  List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (connectionsClosed > 0) {
      problems.add(String.format(Locale.ROOT, "%d of %d connections were closed during the run"
          + " (%d messages not sent): the server stopped or dropped them", connectionsClosed,
          pairs * 2, notSent));
    }
    if (serverErrors > 0) {
      problems.add(serverErrors + " messages were answered with an error, not relayed; the"
          + " first: " + firstServerError);
    }
    if (delivered == 0 && sent > 0) {
      problems.add("nothing was delivered: the server is not relaying (stalled?)");
    }
    return problems;
  }

  Report asReport() {
    return new Report(summary(), asJson(), problems());
  }

  Map<String, Object> asJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "relay");
    json.put("pairs", pairs);
    json.put("targetRate", targetRate);
    json.put("seconds", seconds);
    json.put("sent", sent);
    json.put("delivered", delivered);
    json.put("lost", lost());
    json.put("notSent", notSent);
    json.put("connectionsClosed", connectionsClosed);
    json.put("serverErrors", serverErrors);
    json.put("deliveredPerSecond", round(deliveredPerSecond));
    json.put("latencyMs", latencies == null ? null : Map.of("p50", round(latencies.p50()),
        "p90", round(latencies.p90()), "p99", round(latencies.p99()),
        "p999", round(latencies.p999()), "max", round(latencies.max())));
    json.put("serverCpuMsPer1000", serverCpuMsPer1000 < 0 ? null : round(serverCpuMsPer1000));
    // The JIT compiler's part of the above: near zero when the window measured a warm server.
    json.put("serverCompilerCpuMsPer1000",
        serverCompilerCpuMsPer1000 < 0 ? null : round(serverCompilerCpuMsPer1000));
    json.put("serverRssKb", serverRssKb < 0 ? null : serverRssKb);
    json.put("generatorCpuMsPer1000", round(generatorCpuMsPer1000));
    json.put("generatorLoops", generatorLoops);
    return json;
  }

  String summary() {
    return String.format(Locale.ROOT, """
        relay: %d pairs, target %d msg/s for %d s
          delivered   %d of %d (%d lost), %.0f msg/s
          latency ms  %s
          server      %s ms CPU per 1,000 messages, RSS %s
          generator   %.1f ms CPU per 1,000 messages, %d event loop%s
        """, pairs, targetRate, seconds, delivered, sent, lost(), deliveredPerSecond,
        latencies == null ? "none: nothing was delivered" : String.format(Locale.ROOT,
            "p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f", latencies.p50(),
            latencies.p90(), latencies.p99(), latencies.p999(), latencies.max()),
        serverCpuMsPer1000 >= 0 ? String.format(Locale.ROOT, "%.1f (JIT compiler %.1f of it)",
            serverCpuMsPer1000, serverCompilerCpuMsPer1000) : "n/a (" + whyNoServerFigures()
            + ")",
        serverRssKb < 0 ? "n/a" : (serverRssKb / 1024) + " MiB", generatorCpuMsPer1000,
        generatorLoops, generatorLoops == 1 ? "" : "s");
  }

  private String whyNoServerFigures() {
    return serverPid > 0 && delivered == 0 ? "nothing delivered"
        : ProcessStats.whyUnknown(serverPid);
  }

  private static double round(double value) {
    return Report.round(value);
  }
}
