package com.tutorme.video.server;

import com.tutorme.video.server.auth.AuthSettings;
import com.tutorme.video.server.ice.IceSettings;
import com.tutorme.video.server.ws.SignalingSettings;
import com.tutorme.video.storage.DatabaseSettings;
import io.netty.util.NettyRuntime;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the server needs to start: read from environment variables by {@link
 * #fromEnvironment} (the runnable jar: port 8080, the embedded database under ./data), or made
 * in code by an embedding application from {@link #local} and the {@code with...} methods.
 * Either way each value is checked here, and a bad one is a {@link ConfigException} naming the
 * environment variable that would set it.
 *
 * @param host the address to listen on
 * @param port the port; 0 for an ephemeral one ({@link TutorMeServer#port()} tells which)
 * @param database where bookings and sessions are kept
 * @param allowedOrigins browser origins allowed by CORS and the WebSocket origin check
 * @param sessionCreatesPerMinute session create-or-get calls per user per minute
 * @param requestTimeoutMillis how long a whole HTTP request may take to arrive
 * @param auth how tokens are verified; development mode when it says so
 * @param ice the STUN and TURN servers handed to browsers
 * @param signaling the WebSocket limits and timers
 * @param eventLoops event loop threads; {@link #LOOPS_PER_CORE} for one per core
 */
public record ServerConfig(
    String host,
    int port,
    DatabaseSettings database,
    List<String> allowedOrigins,
    int sessionCreatesPerMinute,
    int requestTimeoutMillis,
    AuthSettings auth,
    IceSettings ice,
    SignalingSettings signaling,
    int eventLoops) {

  public static final int DEFAULT_PORT = 8080;

  /** Session create-or-get calls per user per minute; a page load makes one. */
  public static final int DEFAULT_SESSION_CREATES_PER_MINUTE = 30;

  /** A whole HTTP request must arrive within this; slower clients get 408. */
  public static final int DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;

  /**
   * {@code eventLoops} of 0: one event loop per available core. The loops never block, so more
   * loops than cores only add wake-ups and context switches (Netty's own default is two per
   * core): relaying 5,000 messages per second on two cores, four loops cost about 15 % more
   * CPU per message than two (the fourth pass in docs/benchmarks-log.md).
   */
  public static final int LOOPS_PER_CORE = 0;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    // As browsers send them (lower case, no path), however they were given: an entry kept as
    // written would never equal an Origin header, and CORS and the socket's check would fail.
    allowedOrigins = Objects.requireNonNull(allowedOrigins, "allowedOrigins").stream()
        .map(AllowedOrigins::exactOrigin).toList();
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(ice, "ice");
    Objects.requireNonNull(signaling, "signaling");
    if (sessionCreatesPerMinute < 1) {
      throw new ConfigException("SESSION_CREATE_LIMIT_PER_MINUTE must be at least 1");
    }
    if (requestTimeoutMillis < 100) {
      throw new ConfigException("REQUEST_TIMEOUT_MS must be at least 100");
    }
    if (eventLoops < 0 || eventLoops > 1024) {
      throw new ConfigException("EVENT_LOOPS must be 1 to 1024 (0 here: one per core), got "
          + eventLoops);
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("PORT must be between 0 and 65535, got " + port);
    }
  }

  /**
   * Reads {@code HOST}, {@code PORT}, {@code DATABASE_URL}, {@code DATABASE_USER}, {@code
   * DATABASE_PASSWORD}, {@code DATABASE_POOL_SIZE}, {@code DATA_DIR}, {@code ALLOWED_ORIGINS}
   * (or {@code NEXTAUTH_URL}), {@code SESSION_CREATE_LIMIT_PER_MINUTE} and {@code
   * REQUEST_TIMEOUT_MS}; {@code JWT_SECRET}, {@code JWT_PUBLIC_KEY}, {@code JWT_JWKS_URL},
   * {@code JWT_ISSUER}, {@code JWT_AUDIENCE}, {@code JWT_CLOCK_SKEW_SECONDS}; {@code
   * STUN_URLS}, {@code TURN_URLS}, {@code TURN_SECRET}, {@code TURN_TTL_SECONDS}; {@code
   * ROOM_CAPACITY}, {@code WS_PING_INTERVAL_MS}, {@code WS_MAX_CONNECTIONS_PER_USER}, {@code
   * WS_LOOP_AFFINITY}, {@code WS_CLOSE_GRACE_MS}, {@code WS_MESSAGES_PER_LOOP}; {@code
   * EVENT_LOOPS}.
   *
   * @throws ConfigException naming the first variable that is malformed
   */
  public static ServerConfig fromEnvironment(Map<String, String> variables) {
    return from(new Env(variables));
  }

  /** From variables read already, the environment's and ENV_FILE's ({@link EnvFile}). */
  static ServerConfig from(Env env) {
    AuthSettings auth = auth(env);
    // Development mode hands out tokens to whoever asks, so by default it listens on this
    // machine only; a configured server listens on every interface.
    String host = env.get("HOST", auth.isDevelopment() ? "127.0.0.1" : "0.0.0.0");
    int port = env.integer("PORT", DEFAULT_PORT, 0, 65535);
    int poolSize = env.integer("DATABASE_POOL_SIZE", DatabaseSettings.DEFAULT_POOL_SIZE, 1, 200);
    DatabaseSettings database;
    if (env.get("DATABASE_URL").isPresent()) {
      try {
        database = DatabaseSettings.fromUrl(env.get("DATABASE_URL").get(),
            env.get("DATABASE_USER").orElse(null), env.get("DATABASE_PASSWORD").orElse(null));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(e.getMessage());
      }
    } else {
      database = DatabaseSettings.embedded(dataDirectory(env.get("DATA_DIR", "data")));
    }
    return new ServerConfig(host, port, database.withMaxPoolSize(poolSize),
        AllowedOrigins.from(env, port == 0 ? DEFAULT_PORT : port),
        env.integer("SESSION_CREATE_LIMIT_PER_MINUTE", DEFAULT_SESSION_CREATES_PER_MINUTE, 1,
            100_000),
        env.integer("REQUEST_TIMEOUT_MS", DEFAULT_REQUEST_TIMEOUT_MILLIS, 100, 600_000),
        auth,
        IceSettings.parse(env.raw("STUN_URLS"), env.get("TURN_URLS").orElse(null),
            env.get("TURN_SECRET").orElse(null),
            env.integer("TURN_TTL_SECONDS", (int) IceSettings.DEFAULT_TTL.toSeconds(), 60,
                86_400)),
        new SignalingSettings(
            env.integer("ROOM_CAPACITY", SignalingSettings.DEFAULTS.roomCapacity(), 1, 50),
            env.integer("WS_PING_INTERVAL_MS", SignalingSettings.DEFAULTS.pingIntervalMillis(),
                100, 300_000),
            env.integer("WS_MAX_CONNECTIONS_PER_USER",
                SignalingSettings.DEFAULTS.maxConnectionsPerUser(), 1, 1_000),
            env.bool("WS_LOOP_AFFINITY", SignalingSettings.DEFAULTS.loopAffinity()),
            env.integer("WS_CLOSE_GRACE_MS", SignalingSettings.DEFAULTS.closeGraceMillis(), 100,
                60_000),
            env.integer("WS_MESSAGES_PER_LOOP", SignalingSettings.DEFAULTS.messagesPerLoop(), 0,
                10_000_000)),
        env.integer("EVENT_LOOPS", LOOPS_PER_CORE, 1, 1024));
  }

  /** JWT settings; with no key configured, development mode with a random secret. */
  /**
   * The embedded database's directory (H2 makes it on first use), checked here: given a file,
   * or a directory it could not make, H2 printed eighty lines of its own stack traces.
   */
  private static Path dataDirectory(String value) {
    Path directory;
    try {
      directory = Path.of(value).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException("DATA_DIR is not a valid path: " + e.getMessage());
    }
    Path existing = directory;
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent(); // what will hold the directories H2 makes
    }
    if (!Files.isDirectory(existing)) {
      throw new ConfigException("DATA_DIR " + directory + ": " + existing
          + " is a file, not a directory");
    }
    if (!Files.isWritable(existing)) {
      throw new ConfigException("DATA_DIR " + directory + ": " + existing + " is not writable");
    }
    return directory;
  }

  private static AuthSettings auth(Env env) {
    AuthSettings settings = AuthSettings.parse(env.get("JWT_SECRET").orElse(null),
        env.get("JWT_PUBLIC_KEY").orElse(null), env.get("JWT_JWKS_URL").orElse(null),
        env.get("JWT_ISSUER").orElse(null), env.get("JWT_AUDIENCE").orElse(null),
        env.integer("JWT_CLOCK_SKEW_SECONDS", AuthSettings.DEFAULT_CLOCK_SKEW_SECONDS, 0, 300));
    return settings.hasKey() ? settings : AuthSettings.forDevelopment();
  }

  /**
   * For tests: an ephemeral port on loopback, the given database, and development mode (tokens
   * signed with a random secret, the dev routes, a demo booking written at start). An embedding
   * backend gives its key, which turns development mode off: {@code
   * local(database).withAuth(AuthSettings.hmac(secret)).withAllowedOrigins(...)}.
   */
  public static ServerConfig local(DatabaseSettings database) {
    return new ServerConfig("127.0.0.1", 0, database, List.of("http://localhost:8080"),
        DEFAULT_SESSION_CREATES_PER_MINUTE, DEFAULT_REQUEST_TIMEOUT_MILLIS,
        AuthSettings.forDevelopment(), IceSettings.DEFAULTS, SignalingSettings.DEFAULTS,
        LOOPS_PER_CORE);
  }

  /** Where to listen: an address of this machine ({@code 0.0.0.0} for all) and a port. */
  public ServerConfig withAddress(String host, int port) {
    return new ServerConfig(host, port, database, allowedOrigins, sessionCreatesPerMinute,
        requestTimeoutMillis, auth, ice, signaling, eventLoops);
  }

  public ServerConfig withAuth(AuthSettings settings) {
    return new ServerConfig(host, port, database, allowedOrigins, sessionCreatesPerMinute,
        requestTimeoutMillis, settings, ice, signaling, eventLoops);
  }

  public ServerConfig withIce(IceSettings settings) {
    return new ServerConfig(host, port, database, allowedOrigins, sessionCreatesPerMinute,
        requestTimeoutMillis, auth, settings, signaling, eventLoops);
  }

  public ServerConfig withSignaling(SignalingSettings settings) {
    return new ServerConfig(host, port, database, allowedOrigins, sessionCreatesPerMinute,
        requestTimeoutMillis, auth, ice, settings, eventLoops);
  }

  public ServerConfig withDatabase(DatabaseSettings settings) {
    return new ServerConfig(host, port, settings, allowedOrigins, sessionCreatesPerMinute,
        requestTimeoutMillis, auth, ice, signaling, eventLoops);
  }

  public ServerConfig withAllowedOrigins(List<String> origins) {
    return new ServerConfig(host, port, database, origins, sessionCreatesPerMinute,
        requestTimeoutMillis, auth, ice, signaling, eventLoops);
  }

  public ServerConfig withSessionCreatesPerMinute(int perMinute) {
    return new ServerConfig(host, port, database, allowedOrigins, perMinute,
        requestTimeoutMillis, auth, ice, signaling, eventLoops);
  }

  public ServerConfig withRequestTimeoutMillis(int millis) {
    return new ServerConfig(host, port, database, allowedOrigins, sessionCreatesPerMinute,
        millis, auth, ice, signaling, eventLoops);
  }

  public ServerConfig withEventLoops(int loops) {
    return new ServerConfig(host, port, database, allowedOrigins, sessionCreatesPerMinute,
        requestTimeoutMillis, auth, ice, signaling, loops);
  }

  /** How many event loops serve connections: {@link #eventLoops}, or one per available core. */
  public int resolvedEventLoops() {
    // Netty's count, which -Dio.netty.availableProcessors can set (for a container's quota).
    return eventLoops == LOOPS_PER_CORE ? NettyRuntime.availableProcessors() : eventLoops;
  }
}
