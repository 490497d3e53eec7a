package com.tutorme.video.server.loadtest;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * N joined connections held idle for a while (the server keeps pinging them): reports the
 * server's resident memory per connection, and that every connection is still open at the
 * end.
 */
final class IdleScenario {
  private final Options options;

  IdleScenario(Options options) {
    this.options = options;
  }

  Report run() throws Exception {
    int pairs = options.connections() / 2;
    List<Lessons.Tickets> lessons = Lessons.prepare(options, pairs);
    List<WsPeer[]> joined = new ArrayList<>();
    try (Clients clients = new Clients(options.loops())) {
      ProcessStats before = ProcessStats.of(options.serverPid());
      try {
        joined.addAll(Lessons.join(clients.bootstrap, URI.create(options.server()), lessons,
            options.concurrency(), new Recorder(3)));
        TimeUnit.SECONDS.sleep(options.seconds()); // the scenario is holding still
        ProcessStats after = ProcessStats.of(options.serverPid());
        long open = joined.stream().mapToLong(pair -> (pair[0].isOpen() ? 1 : 0)
            + (pair[1].isOpen() ? 1 : 0)).sum();
        return report(pairs * 2, open, before, after);
      } finally {
        Lessons.closeAll(joined);
      }
    }
  }

  private Report report(int connections, long open, ProcessStats before, ProcessStats after) {
    double kbPerConnection = before.rssKb() < 0 ? -1
        : (after.rssKb() - before.rssKb()) / (double) connections;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scenario", "idle");
    json.put("connections", connections);
    json.put("heldSeconds", options.seconds());
    json.put("stillOpen", open);
    json.put("generatorLoops", options.loops());
    json.put("serverRssKbBefore", before.rssKb() < 0 ? null : before.rssKb());
    json.put("serverRssKbAfter", after.rssKb() < 0 ? null : after.rssKb());
    json.put("serverKbPerConnection", kbPerConnection < 0 ? null
        : Report.round(kbPerConnection));
    String summary = String.format(Locale.ROOT, """
        idle: %d joined connections held %d s, %d still open
          server RSS  %s
        """, connections, options.seconds(), open, kbPerConnection < 0
            ? "n/a (" + ProcessStats.whyUnknown(options.serverPid()) + ")"
            : String.format(Locale.ROOT, "%d -> %d MiB, %.1f KB per connection",
                before.rssKb() / 1024, after.rssKb() / 1024, kbPerConnection));
    List<String> problems = open == connections ? List.of() : List.of(String.format(Locale.ROOT,
        "%d of %d connections were closed while held: the server stopped or dropped them",
        connections - open, connections));
    return new Report(summary, json, problems);
  }
}
