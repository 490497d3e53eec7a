package com.tutorme.video.server.loadtest;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** What a relay run measured. Latencies in milliseconds; CPU per 1,000 delivered messages. */
record RelayResult(int pairs, int targetRate, int seconds, long sent, long delivered,
    double deliveredPerSecond, double p50, double p90, double p99, double p999, double max,
    double serverCpuMsPer1000, double serverCompilerCpuMsPer1000, long serverRssKb,
    double generatorCpuMsPer1000, int generatorLoops) {

  long lost() {
    return sent - delivered;
  }

  Report asReport() {
    return new Report(summary(), asJson());
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
    json.put("deliveredPerSecond", round(deliveredPerSecond));
    json.put("latencyMs", Map.of("p50", round(p50), "p90", round(p90), "p99", round(p99),
        "p999", round(p999), "max", round(max)));
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
          latency ms  p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f
          server      %s ms CPU per 1,000 messages, RSS %s
          generator   %.1f ms CPU per 1,000 messages, %d event loop%s
        """, pairs, targetRate, seconds, delivered, sent, lost(), deliveredPerSecond, p50, p90,
        p99, p999, max, serverCpuMsPer1000 < 0 ? "n/a (no --server-pid)"
            : String.format(Locale.ROOT, "%.1f (JIT compiler %.1f of it)", serverCpuMsPer1000,
                serverCompilerCpuMsPer1000),
        serverRssKb < 0 ? "n/a" : (serverRssKb / 1024) + " MiB", generatorCpuMsPer1000,
        generatorLoops, generatorLoops == 1 ? "" : "s");
  }

  private static double round(double value) {
    return Math.round(value * 1000) / 1000.0;
  }
}
