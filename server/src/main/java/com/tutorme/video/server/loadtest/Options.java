package com.tutorme.video.server.loadtest;

import com.tutorme.video.server.ConfigException;
import com.tutorme.video.server.auth.AuthSettings;
import com.tutorme.video.server.auth.TokenMinter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The generator's flags, each bounded so that no run is unbounded in count or time. */
record Options(String scenario, String server, int pairs, int rate, int seconds, int messageBytes,
    long serverPid, String jwtSecret, String jwtPrivateKey, String jwtIssuer,
    String jwtAudience, int connections,
    int concurrency, int maxRate, int runs, boolean bare, int leadInSeconds, int leadInStorms,
    int timelineSeconds, int loops) {

  /** The longest a ramp may run, all its steps together. */
  static final int MAX_RAMP_SECONDS = 3600;

  /** Which flags each scenario takes; any other is refused rather than ignored. */
  private static final Set<String> COMMON = Set.of("server", "server-pid", "runs", "loops");
  private static final Set<String> AUTH =
      Set.of("jwt-secret", "jwt-private-key", "jwt-issuer", "jwt-audience");
  private static final Set<String> RELAY = Set.of("pairs", "rate", "seconds", "message-bytes",
      "concurrency", "lead-in", "timeline", "bare");
  private static final Map<String, Set<String>> FLAGS = Map.of(
      "relay", union(COMMON, AUTH, RELAY),
      "ramp", union(COMMON, AUTH, RELAY, Set.of("max-rate")),
      "join-storm", union(COMMON, AUTH, Set.of("connections", "concurrency", "lead-in-storms")),
      "idle", union(COMMON, AUTH, Set.of("connections", "concurrency", "seconds")));

  static final String HELP = """
      Usage: scripts/loadtest relay|ramp|join-storm|idle [flags]

      Drives a running TutorMe Video server over real WebSockets. Bookings and tokens come
      from the API: in development mode from /api/dev/token, else minted with --jwt-secret
      or --jwt-private-key.

      Scenarios:
        relay     P pairs, each in its own session, exchange ICE-candidate-sized messages
                  (a send timestamp inside) at an aggregate rate R for D seconds; reports
                  delivered rate, one-way latency percentiles and messages lost.
        ramp      the relay on the same pairs at R, 2R, 3R, ... msg/s, D seconds a step,
                  until p99 > 50 ms or delivery < 99.9 %% (or --max-rate); reports each
                  step and the last rate that held. Note the server's per-connection limit
                  of 50 msg/s: P pairs carry at most 100 x P msg/s; beyond it messages are
                  refused and, kept up, the connections closed (1008).
        join-storm  N connections authenticate and join sessions in pairs as fast as
                  --concurrency pairs at a time allow; reports joins per second and the
                  time until both peers of a pair see each other.
        idle      N joined connections held idle for D seconds; reports the server's
                  resident memory per connection and how many are still open.

      Flags (each scenario refuses those it does not take):
        --server URL        the server, http://host[:port] (default http://127.0.0.1:8080)
        --server-pid PID    the server's process id, to report its CPU and memory from /proc
                            (one process: scripts/run's is
                            pgrep -f 'java .*-jar .*tutorme-video-server.jar')
        --loops N           the generator's event loops (threads), each sending for and
                            reading the connections it holds, 1..8 (default 2). The server
                            wakes for each loop's sends apart: measured in one hour at
                            5,000 msg/s, one loop cost the server about a fifth less CPU per
                            message than two; measured earlier, one ran out at 35,000 msg/s
                            on two cores where two held 45,000-50,000 (docs/benchmarks-log.md)
        --runs K            run the scenario K times in this process, 1..10 (default 1)
        --jwt-secret S      the server's JWT_SECRET, when it is not in development mode
        --jwt-private-key F a PEM PRIVATE KEY file (PKCS#8, RSA or EC P-256) whose public half
                            the server checks tokens with (JWT_PUBLIC_KEY, or a key in its
                            JWT_JWKS_URL set), to sign RS256 / ES256 tokens with
        --jwt-issuer I      the server's JWT_ISSUER, when it has one (with a secret or key)
        --jwt-audience A    the server's JWT_AUDIENCE, when it has one (with a secret or key)
        --concurrency C     pairs connecting at once, 1..1000 (default 64)
      relay and ramp:
        --pairs P           pairs of connections, 1..5000 (default 500)
        --rate R            messages per second, all pairs together, 1..200000 (default
                            5000); ramp: the first step's rate, and each step's rise
        --seconds D         the measured window, a ramp's each step; 1..600 (default 20)
        --lead-in L         seconds sent at the (first) rate before anything is measured, on
                            the same pairs, so that the server's JIT compiler is done with
                            what setting them up set off; 0..60 (default 5)
        --message-bytes B   size of each message, %d..%d (default 300; the largest is the
                            largest candidate the server takes)
        --timeline S        also a line on stderr every S seconds of the measured window,
                            with that part's rate, p50, p99 and max, to tell a few stalls
                            from a server falling behind; 0..60 (default 0: none)
        --bare              the server is the bare relay (the floor the real one is compared
                            with, started with scripts/loadtest bare-relay [port]), so no
                            bookings or tokens are asked for
        --max-rate M        ramp: highest rate tried, --rate..1000000 (default 100000); all
                            the steps together at most %d s
      join-storm and idle:
        --connections N     connections, in pairs: an even number, 2..20000 (default 2000
                            for join-storm, 5000 for idle); each takes an open file here
        --lead-in-storms S  join-storm: untimed storms of as many connections (at most 2,000)
                            before the first measured one, each on lessons of its own, so that
                            what is timed is not code being compiled, the generator's or the
                            server's; 0..20 (default 10; booking each storm's lessons takes
                            a few seconds)
        --seconds D         idle: time held, 1..600 (default 20)
        --help, -h          this text

      Prints, for each run, a readable summary and then one JSON line with every figure. Exits
      0; 2 for bad flags; 1 when a run failed or its figures measure something else than the
      server under load (connections closed by the server, messages refused, nothing
      delivered): the summary and the JSON ("problems") say what, after the figures.
      LOADTEST_JAVA_OPTS sets the generator's JVM options (default -Xmx1g).
      """.formatted(RelayMessage.MIN_BYTES, RelayMessage.MAX_BYTES, MAX_RAMP_SECONDS);

  static Options parse(String[] args) {
    for (String arg : args) {
      if (arg.equals("--help") || arg.equals("-h")) {
        throw new UsageException(null);
      }
    }
    if (args.length == 0) {
      throw new UsageException("name a scenario: relay, ramp, join-storm or idle");
    }
    String scenario = args[0];
    Set<String> allowed = FLAGS.get(scenario);
    if (allowed == null) {
      throw new UsageException("unknown scenario '" + scenario
          + "'; try relay, ramp, join-storm or idle");
    }
    Map<String, String> flags = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--bare")) { // the one flag without a value
        flags.put("bare", "true");
        continue;
      }
      if (!flag.startsWith("--") || i + 1 >= args.length) {
        throw new UsageException("expected --flag value, got '" + flag + "'");
      }
      flags.put(flag.substring(2), args[++i]);
    }
    for (String flag : flags.keySet()) {
      if (!allowed.contains(flag)) {
        throw new UsageException(FLAGS.values().stream().anyMatch(set -> set.contains(flag))
            ? "--" + flag + " does not apply to " + scenario + appliesTo(flag)
            : "unknown flag --" + flag);
      }
    }
    Options options = new Options(scenario,
        serverUrl(flags.getOrDefault("server", "http://127.0.0.1:8080")),
        number(flags, "pairs", 500, 1, 5000),
        number(flags, "rate", 5000, 1, 200_000),
        number(flags, "seconds", 20, 1, 600),
        number(flags, "message-bytes", 300, RelayMessage.MIN_BYTES, RelayMessage.MAX_BYTES),
        serverPid(flags.get("server-pid")),
        flags.get("jwt-secret"), flags.get("jwt-private-key"), flags.get("jwt-issuer"),
        flags.get("jwt-audience"),
        number(flags, "connections", scenario.equals("idle") ? 5000 : 2000, 2, 20_000),
        number(flags, "concurrency", 64, 1, 1000),
        number(flags, "max-rate", 100_000, 1, 1_000_000),
        number(flags, "runs", 1, 1, 10),
        flags.containsKey("bare"),
        number(flags, "lead-in", 5, 0, 60),
        number(flags, "lead-in-storms", 10, 0, 20),
        number(flags, "timeline", 0, 0, 60),
        number(flags, "loops", 2, 1, 8));
    options.checkTogether();
    return options;
  }

  /** What no single flag's bounds catch. */
  private void checkTogether() {
    if (connections % 2 != 0) {
      throw new UsageException("--connections must be even: connections join in pairs");
    }
    if (scenario.equals("ramp")) {
      if (maxRate < rate) {
        throw new UsageException("--max-rate must be at least --rate (" + rate + ")");
      }
      long longest = (long) (maxRate / rate) * seconds;
      if (longest > MAX_RAMP_SECONDS) {
        throw new UsageException("a ramp of " + maxRate / rate + " steps of " + seconds
            + " s could run " + longest + " s, more than " + MAX_RAMP_SECONDS
            + ": raise --rate, or lower --max-rate or --seconds");
      }
    }
    boolean keyed = jwtSecret != null || jwtPrivateKey != null;
    if (bare && (keyed || jwtIssuer != null || jwtAudience != null)) {
      throw new UsageException("--bare takes no token: the bare relay checks none");
    }
    if (jwtSecret != null && jwtPrivateKey != null) {
      throw new UsageException("give --jwt-secret or --jwt-private-key, not both");
    }
    if (!keyed && (jwtIssuer != null || jwtAudience != null)) {
      throw new UsageException("--jwt-issuer and --jwt-audience go with --jwt-secret or"
          + " --jwt-private-key");
    }
    minter(); // a bad secret or key file is a usage error now, not a failure mid-run
  }

  /** How many connections the scenario holds at once. */
  int connectionsMade() {
    return FLAGS.get(scenario).contains("pairs") ? pairs * 2 : connections;
  }

  /**
   * What tokens are minted with: the server's own secret, or the private half of its public
   * key, with its issuer and audience; null in development mode, whose API hands them out.
   */
  TokenMinter minter() {
    if (jwtPrivateKey != null) {
      try {
        return TokenMinter.signingWith(PrivateKeys.fromPemFile(Path.of(jwtPrivateKey)),
            jwtIssuer, jwtAudience, Clock.systemUTC());
      } catch (IllegalArgumentException e) { // a curve other than P-256, say
        throw new UsageException("--jwt-private-key: " + e.getMessage());
      }
    }
    if (jwtSecret == null) {
      return null;
    }
    try {
      return new TokenMinter(new AuthSettings(jwtSecret.getBytes(StandardCharsets.UTF_8), null,
          null, jwtIssuer, jwtAudience, AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS, false),
          Clock.systemUTC());
    } catch (ConfigException e) {
      throw new UsageException("--jwt-secret: " + e.getMessage());
    }
  }

  private static String appliesTo(String flag) {
    List<String> scenarios = FLAGS.entrySet().stream()
        .filter(entry -> entry.getValue().contains(flag)).map(Map.Entry::getKey).sorted()
        .toList();
    return " (only to " + String.join(", ", scenarios) + ")"
        + (flag.equals("lead-in") ? "; join-storm has --lead-in-storms" : "");
  }

  private static int number(Map<String, String> flags, String name, int fallback, int min,
      int max) {
    String value = flags.get(name);
    if (value == null) {
      return fallback;
    }
    if (!value.matches("-?[0-9]+")) {
      throw new UsageException("--" + name + " must be a number, got '" + value + "'");
    }
    // Digits beyond an int are out of bounds too, not "not a number".
    long parsed = value.length() > 12 ? (value.startsWith("-") ? Long.MIN_VALUE : Long.MAX_VALUE)
        : Long.parseLong(value);
    if (parsed < min || parsed > max) {
      throw new UsageException("--" + name + " must be " + min + ".." + max);
    }
    return (int) parsed;
  }

  /** A process that exists now: a wrong one would report some other process's figures. */
  private static long serverPid(String value) {
    if (value == null) {
      return 0;
    }
    if (value.strip().contains(" ") || value.strip().contains("\n")) {
      throw new UsageException("--server-pid takes one process id, got '"
          + value.strip().replace('\n', ' ') + "' (did pgrep find several? see --help)");
    }
    if (!value.matches("[0-9]{1,10}")) {
      throw new UsageException("--server-pid must be a process id, got '" + value + "'");
    }
    long pid = Long.parseLong(value);
    if (pid < 1 || ProcessHandle.of(pid).isEmpty()) {
      throw new UsageException("--server-pid " + pid + ": no such process");
    }
    return pid;
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

  @SafeVarargs
  private static Set<String> union(Set<String>... sets) {
    Set<String> all = new HashSet<>();
    for (Set<String> set : sets) {
      all.addAll(set);
    }
    return Set.copyOf(all);
  }
}
