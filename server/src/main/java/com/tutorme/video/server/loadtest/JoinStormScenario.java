package com.tutorme.video.server.loadtest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * N connections authenticate and join sessions in pairs as fast as bounded concurrency allows.
 * Bookings and tokens are made first and not timed; what is timed is connect, upgrade (token
 * check), join (one database read) and presence, until both peers of a pair see each other.
 */
final class JoinStormScenario {
  private final Options options;

  JoinStormScenario(Options options) {
    this.options = options;
  }

  Report run() throws Exception {
    try (Clients clients = new Clients()) {
      boolean leadIn = options.leadInSeconds() > 0;
      if (leadIn) {
        leadIn(clients);
      }
      return storm(clients, leadIn);
    }
  }

  /**
   * Untimed storms, each on lessons of its own, until --lead-in seconds of joining have passed.
   * In a fresh generator the first storm measured mostly the generator's own code being
   * compiled (1,100 joins/s where the next two held 3,075 and 3,644, 2026-12-01; one storm
   * before was not enough), and on a shared machine a generator's CPU is taken from the
   * server's.
   */
  private void leadIn(Clients clients) throws Exception {
    URI server = URI.create(options.server());
    long budget = TimeUnit.SECONDS.toNanos(options.leadInSeconds());
    for (long joining = 0; joining < budget; ) {
      List<Lessons.Tickets> lessons = Lessons.prepare(options, options.connections() / 2);
      long start = System.nanoTime();
      Lessons.closeAll(Lessons.join(clients.bootstrap, server, lessons, options.concurrency(),
          new Recorder(3)));
      joining += System.nanoTime() - start;
    }
  }

  private Report storm(Clients clients, boolean afterLeadIn) throws Exception {
    int pairs = options.connections() / 2;
    List<Lessons.Tickets> lessons = Lessons.prepare(options, pairs);
    Recorder ready = new Recorder(3);
    List<WsPeer[]> joined = new ArrayList<>();
    ProcessStats before = ProcessStats.of(options.serverPid());
    long selfBefore = ProcessStats.selfCpuMillis();
    long start = System.nanoTime();
    try {
      joined.addAll(Lessons.join(clients.bootstrap, URI.create(options.server()), lessons,
          options.concurrency(), ready));
      double seconds = (System.nanoTime() - start) / 1e9;
      ProcessStats after = ProcessStats.of(options.serverPid());
      double selfPerJoin = (ProcessStats.selfCpuMillis() - selfBefore) / (pairs * 2.0);
      return report(pairs * 2, seconds, ready.getIntervalHistogram(), before, after,
          selfPerJoin, afterLeadIn);
    } finally {
      Lessons.closeAll(joined);
    }
  }

  private Report report(int joins, double seconds, Histogram ready, ProcessStats before,
      ProcessStats after, double generatorCpuPerJoin, boolean afterLeadIn) {
    double perSecond = joins / seconds;
    double cpuPerJoin = before.cpuMillis() < 0 ? -1
        : (after.cpuMillis() - before.cpuMillis()) / (double) joins;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "join-storm");
    json.put("connections", joins);
    json.put("concurrency", options.concurrency());
    json.put("afterLeadIn", afterLeadIn);
    json.put("joinsPerSecond", Report.round(perSecond));
    json.put("pairReadyMs", Map.of("p50", ms(ready, 50), "p99", ms(ready, 99),
        "max", Report.round(ready.getMaxValue() / 1000.0)));
    json.put("serverCpuMsPerJoin", cpuPerJoin < 0 ? null : Report.round(cpuPerJoin));
    json.put("generatorCpuMsPerJoin", Report.round(generatorCpuPerJoin));
    String summary = String.format(Locale.ROOT, """
        join-storm: %d connections in pairs, %d pairs at a time%s
          joins       %.0f per second (%.1f s in all)
          pair ready  p50 %.1f ms  p99 %.1f ms  (connect, token, join, presence)
          server      %s ms CPU per join
          generator   %.2f ms CPU per join
        """, joins, options.concurrency(),
        afterLeadIn ? ", after " + options.leadInSeconds() + " s of untimed ones" : "",
        perSecond, seconds, ms(ready, 50), ms(ready, 99),
        cpuPerJoin < 0 ? "n/a (no --server-pid)"
            : String.format(Locale.ROOT, "%.2f", cpuPerJoin), generatorCpuPerJoin);
    return new Report(summary, json);
  }

  private static double ms(Histogram histogram, double percentile) {
    return Report.round(histogram.getValueAtPercentile(percentile) / 1000.0);
  }
}
