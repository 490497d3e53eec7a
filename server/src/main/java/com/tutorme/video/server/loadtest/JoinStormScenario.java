package com.tutorme.video.server.loadtest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * N connections authenticate and join sessions in pairs as fast as bounded concurrency allows.
 * Bookings and tokens are made first and not timed; what is timed is connect, upgrade (token
 * check), join (one database read) and presence, until both peers of a pair see each other.
 * A scenario's first run (the first in a process, from the command line) leads in with untimed
 * storms (--lead-in-storms), so that what is timed is not code being compiled.
 */
final class JoinStormScenario {
  /**
   * A lead-in storm's size at most: ten of 2,000 are enough for the compilers, and ten of
   * 20,000 would take minutes to book.
   */
  static final int MAX_LEAD_IN_CONNECTIONS = 2000;

  private final Options options;
  private Fixtures fixtures;
  private boolean ledIn;

  JoinStormScenario(Options options) {
    this.options = options;
  }

  /** One timed storm; the first call leads in. */
  Report run() throws Exception {
    if (fixtures == null) {
      fixtures = new Fixtures(options);
    }
    try (Clients clients = new Clients(options.loops())) {
      int leadInStorms = ledIn ? 0 : options.leadInStorms();
      if (!ledIn) {
        leadIn(clients);
        ledIn = true;
      }
      return storm(clients, leadInStorms);
    }
  }

  /**
   * Untimed storms, each on lessons of its own. Without them, the first storm in a fresh
   * generator measured 1,100 joins/s where the next two held 3,075 and 3,644 (2026-12-01). A
   * count, not a time: the compilers wait for code to run so many times, and a cold storm is
   * slow (two storms filled 5 s of joining on a fresh server, and the three timed after them
   * held 1,600–1,900 joins/s at 0.65 ms of server CPU each).
   */
  private void leadIn(Clients clients) throws Exception {
    for (int storm = 0; storm < options.leadInStorms(); storm++) {
      System.err.printf(Locale.ROOT, "join-storm: untimed lead-in storm %d of %d%n", storm + 1,
          options.leadInStorms());
      List<Lessons.Tickets> lessons = Lessons.prepare(fixtures, leadInConnections() / 2);
      Lessons.closeAll(join(clients, lessons, new Recorder(3)));
    }
  }

  /** In pairs, as the timed storm's. */
  private int leadInConnections() {
    return Math.min(options.connections(), MAX_LEAD_IN_CONNECTIONS) / 2 * 2;
  }

  /** @param leadInStorms how many untimed storms came before this one, in this run */
  private Report storm(Clients clients, int leadInStorms) throws Exception {
    int pairs = options.connections() / 2;
    List<Lessons.Tickets> lessons = Lessons.prepare(fixtures, pairs);
    Recorder ready = new Recorder(3);
    List<WsPeer[]> joined = new ArrayList<>();
    ProcessStats before = ProcessStats.of(options.serverPid());
    long selfBefore = ProcessStats.selfCpuMillis();
    long start = System.nanoTime();
    try {
      joined.addAll(join(clients, lessons, ready));
      double seconds = (System.nanoTime() - start) / 1e9;
      ProcessStats after = ProcessStats.of(options.serverPid());
      double selfPerJoin = (ProcessStats.selfCpuMillis() - selfBefore) / (pairs * 2.0);
      return report(pairs * 2, leadInStorms, seconds, ready.getIntervalHistogram(), before,
          after, selfPerJoin);
    } finally {
      Lessons.closeAll(joined);
    }
  }

  private List<WsPeer[]> join(Clients clients, List<Lessons.Tickets> lessons, Recorder ready)
      throws Exception {
    return Lessons.join(clients.bootstrap, URI.create(options.server()), lessons,
        options.concurrency(), ready);
  }

  private Report report(int joins, int leadInStorms, double seconds, Histogram ready,
      ProcessStats before, ProcessStats after, double generatorCpuPerJoin) {
    double perSecond = joins / seconds;
    double cpuPerJoin = before.cpuMillis() < 0 ? -1
        : (after.cpuMillis() - before.cpuMillis()) / (double) joins;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "join-storm");
    json.put("connections", joins);
    json.put("concurrency", options.concurrency());
    json.put("leadInStorms", leadInStorms);
    json.put("leadInStormConnections", leadInStorms == 0 ? 0 : leadInConnections());
    json.put("joinsPerSecond", Report.round(perSecond));
    json.put("pairReadyMs", Map.of("p50", ms(ready, 50), "p99", ms(ready, 99),
        "max", Report.round(ready.getMaxValue() / 1000.0)));
    json.put("serverCpuMsPerJoin", cpuPerJoin < 0 ? null : Report.round(cpuPerJoin));
    json.put("generatorCpuMsPerJoin", Report.round(generatorCpuPerJoin));
    json.put("generatorLoops", options.loops());
    String summary = String.format(Locale.ROOT, """
        join-storm: %d connections in pairs, %d pairs at a time%s
          joins       %.0f per second (%.1f s in all)
          pair ready  p50 %.1f ms  p99 %.1f ms  (connect, token, join, presence)
          server      %s ms CPU per join
          generator   %.2f ms CPU per join
        """, joins, options.concurrency(),
        leadInStorms == 0 ? "" : String.format(Locale.ROOT,
            ", after %d untimed storm%s of %d connections", leadInStorms,
            leadInStorms == 1 ? "" : "s", leadInConnections()),
        perSecond, seconds, ms(ready, 50), ms(ready, 99),
        cpuPerJoin < 0 ? "n/a (" + ProcessStats.whyUnknown(options.serverPid()) + ")"
            : String.format(Locale.ROOT, "%.2f", cpuPerJoin), generatorCpuPerJoin);
    return new Report(summary, json);
  }

  private static double ms(Histogram histogram, double percentile) {
    return Report.round(histogram.getValueAtPercentile(percentile) / 1000.0);
  }
}
