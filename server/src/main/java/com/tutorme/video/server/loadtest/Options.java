package com.tutorme.video.server.loadtest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The generator's flags, each bounded so that no run is unbounded in count or time. */
record Options(String scenario, String server, int pairs, int rate, int seconds, int messageBytes,
    long serverPid, String jwtSecret, int connections, int concurrency, int maxRate,
    int runs, boolean bare, int leadInSeconds, int leadInStorms, int timelineSeconds,
    int loops) {

  static final String HELP = """
      Usage: scripts/loadtest relay|ramp|join-storm|idle [flags]

      Drives a running TutorMe Video server over real WebSockets. Bookings and tokens come
      from the API: in development mode from /api/dev/token, else minted with --jwt-secret.

      Scenarios:
        relay     P pairs, each in its own session, exchange ICE-candidate-sized messages
                  (a send timestamp inside) at an aggregate rate R for D seconds; reports
                  delivered rate, one-way latency percentiles and messages lost.
        ramp      the relay on the same pairs at R, 2R, 3R, ... msg/s, D seconds a step,
                  until p99 > 50 ms or delivery < 99.9 % (or --max-rate); reports each
                  step and the last rate that held. Note the server's per-connection limit
                  of 50 msg/s: P pairs carry at most 100 x P msg/s; beyond it messages are
                  dropped and, kept up, the connections closed (1008).
        join-storm  N connections authenticate and join sessions in pairs as fast as
                  --concurrency pairs at a time allow; reports joins per second and the
                  time until both peers of a pair see each other.
        idle      N joined connections held idle for D seconds; reports the server's
                  resident memory per connection and how many are still open.

      Flags:
        --server URL        the server, http://host[:port] (default http://127.0.0.1:8080)
        --pairs P           pairs of connections, 1..5000 (default 500)
        --rate R            messages per second, all pairs together, 1..200000 (default 5000)
        --seconds D         relay: measured duration; idle: time held; 1..600 (default 20)
        --lead-in L         relay and ramp: seconds sent at the (first) rate before anything
                            is measured, on the same pairs, so that the server's JIT compiler
                            is done with what setting them up set off; 0..60 (default 5)
        --lead-in-storms S  join-storm: untimed storms of as many connections (at most 2,000)
                            before the first measured one, each on lessons of its own, so that
                            what is timed is not code being compiled, the generator's or the
                            server's; 0..20 (default 10; booking each storm's lessons takes
                            a few seconds)
        --connections N     join-storm and idle: connections, 2..20000 (default 2000 for
                            join-storm, 5000 for idle)
        --concurrency C     pairs connecting at once, 1..1000 (default 64)
        --max-rate M        ramp: highest rate tried, 1..1000000 (default 100000)
        --timeline S        relay and ramp: also a line on stderr every S seconds of the
                            measured window, with that part's rate, p50, p99 and max, to tell
                            a few stalls from a server falling behind; 0..60 (default 0: none)
        --message-bytes B   approximate size of each message, 100..8000 (default 300)
        --loops N           the generator's event loops (threads), each sending for and
                            reading the connections it holds, 1..8 (default 2). The server
                            wakes for each loop's sends apart: measured in one hour at
                            5,000 msg/s, one loop cost the server about a fifth less CPU per
                            message than two; measured earlier, one ran out at 35,000 msg/s
                            on two cores where two held 45,000-50,000 (docs/benchmarks.md)
        --server-pid PID    the server's process id, to report its CPU and memory from /proc
        --jwt-secret S      the server's JWT_SECRET, when it is not in development mode
        --runs K            run the scenario K times in this process, 1..10 (default 1)
        --bare              relay and ramp only: the server is the bare relay (the floor the
                            real one is compared with, started with scripts/loadtest
                            bare-relay [port]), so no bookings or tokens are asked for
        --help              this text

      Prints, for each run, a readable summary and then one JSON line with every figure.
      """;

  static Options parse(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      throw new UsageException(null);
    }
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help")) {
        throw new UsageException(null);
      }
      if (flag.equals("--bare")) { // the one flag without a value
        flags.put("bare", "true");
        continue;
      }
      if (!flag.startsWith("--") || i + 1 >= args.length) {
        throw new UsageException("expected --flag value, got '" + flag + "'");
      }
      flags.put(flag.substring(2), args[++i]);
    }
    Options options = new Options(args[0],
        serverUrl(flags.getOrDefault("server", "http://127.0.0.1:8080")),
        number(flags, "pairs", 500, 1, 5000),
        number(flags, "rate", 5000, 1, 200_000),
        number(flags, "seconds", 20, 1, 600),
        number(flags, "message-bytes", 300, 100, 8000),
        number(flags, "server-pid", 0, 0, Integer.MAX_VALUE),
        flags.get("jwt-secret"),
        number(flags, "connections", args[0].equals("idle") ? 5000 : 2000, 2, 20_000),
        number(flags, "concurrency", 64, 1, 1000),
        number(flags, "max-rate", 100_000, 1, 1_000_000),
        number(flags, "runs", 1, 1, 10),
        flags.containsKey("bare"),
        number(flags, "lead-in", 5, 0, 60),
        number(flags, "lead-in-storms", 10, 0, 20),
        number(flags, "timeline", 0, 0, 60),
        number(flags, "loops", 2, 1, 8));
    for (String flag : flags.keySet()) {
      if (!java.util.Set.of("server", "pairs", "rate", "seconds", "message-bytes",
          "server-pid", "jwt-secret", "connections", "concurrency", "max-rate", "runs", "bare",
          "lead-in", "lead-in-storms", "timeline", "loops")
          .contains(flag)) {
        throw new UsageException("unknown flag --" + flag);
      }
    }
    if (!java.util.Set.of("relay", "ramp", "join-storm", "idle").contains(options.scenario)) {
      throw new UsageException("unknown scenario '" + options.scenario
          + "'; try relay, ramp, join-storm or idle");
    }
    boolean relays = java.util.Set.of("relay", "ramp").contains(options.scenario);
    if (options.bare && !relays) {
      throw new UsageException("--bare applies to relay and ramp only");
    }
    if (flags.containsKey("lead-in") && !relays) {
      throw new UsageException("--lead-in applies to relay and ramp only"
          + (options.scenario.equals("join-storm") ? "; join-storm has --lead-in-storms" : ""));
    }
    if (flags.containsKey("timeline") && !relays) {
      throw new UsageException("--timeline applies to relay and ramp only");
    }
    if (flags.containsKey("lead-in-storms") && !options.scenario.equals("join-storm")) {
      throw new UsageException("--lead-in-storms applies to join-storm only");
    }
    return options;
  }

  private static int number(Map<String, String> flags, String name, int fallback, int min,
      int max) {
    String value = flags.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed < min || parsed > max) {
        throw new UsageException("--" + name + " must be " + min + ".." + max);
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number");
    }
  }

  /** http://host[:port][/], as http://host:port: the WebSocket address is made from it. */
  private static String serverUrl(String url) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      uri = null;
    }
    // A name URI takes no host from (one with '_', as containers' may have) is refused here:
    // the WebSocket client and the HTTP client, both given URIs, could not reach it either.
    String host = uri == null ? null : uri.getHost();
    int port = uri == null ? -1 : uri.getPort();
    if (host == null || !"http".equalsIgnoreCase(uri.getScheme()) || uri.getRawQuery() != null
        || uri.getRawFragment() != null || uri.getRawUserInfo() != null
        || !(uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))
        || port == 0 || port > 65535) {
      throw new UsageException("--server must be http://host[:port], got '" + url + "'");
    }
    return "http://" + host + ":" + (port == -1 ? 80 : port);
  }

  /** Bad flags (message) or a request for help (null). */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message, null, false, false);
    }
  }
}
