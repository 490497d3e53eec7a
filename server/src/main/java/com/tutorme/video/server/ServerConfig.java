package com.tutorme.video.server;

import com.tutorme.video.storage.DatabaseSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the server needs to start, read once from environment variables. Defaults suit a
 * developer's machine: port 8080 on every interface and the embedded database under ./data.
 */
public record ServerConfig(
    String host,
    int port,
    DatabaseSettings database,
    List<String> allowedOrigins,
    int sessionCreatesPerMinute,
    int requestTimeoutMillis) {

  public static final int DEFAULT_PORT = 8080;

  /** Session create-or-get calls per user per minute; a page load makes one. */
  public static final int DEFAULT_SESSION_CREATES_PER_MINUTE = 30;

  /** A whole HTTP request must arrive within this; slower clients get 408. */
  public static final int DEFAULT_REQUEST_TIMEOUT_MILLIS = 10_000;

  public ServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(database, "database");
    allowedOrigins = List.copyOf(allowedOrigins);
    if (sessionCreatesPerMinute < 1) {
      throw new ConfigException("SESSION_CREATE_LIMIT_PER_MINUTE must be at least 1");
    }
    if (requestTimeoutMillis < 100) {
      throw new ConfigException("REQUEST_TIMEOUT_MS must be at least 100");
    }
    if (port < 0 || port > 65535) {
      throw new ConfigException("PORT must be between 0 and 65535, got " + port);
    }
  }

  /**
   * Reads {@code HOST}, {@code PORT}, {@code DATABASE_URL}, {@code DATABASE_USER}, {@code
   * DATABASE_PASSWORD}, {@code DATABASE_POOL_SIZE}, {@code DATA_DIR}, {@code ALLOWED_ORIGINS}
   * (or {@code NEXTAUTH_URL}), {@code SESSION_CREATE_LIMIT_PER_MINUTE} and {@code
   * REQUEST_TIMEOUT_MS}.
   *
   * @throws ConfigException naming the first variable that is malformed
   */
  public static ServerConfig fromEnvironment(Map<String, String> variables) {
    Env env = new Env(variables);
    String host = env.get("HOST", "0.0.0.0");
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
      database = DatabaseSettings.embedded(Path.of(env.get("DATA_DIR", "data")));
    }
    return new ServerConfig(host, port, database.withMaxPoolSize(poolSize),
        AllowedOrigins.from(env, port == 0 ? DEFAULT_PORT : port),
        env.integer("SESSION_CREATE_LIMIT_PER_MINUTE", DEFAULT_SESSION_CREATES_PER_MINUTE, 1,
            100_000),
        env.integer("REQUEST_TIMEOUT_MS", DEFAULT_REQUEST_TIMEOUT_MILLIS, 100, 600_000));
  }

  /** Defaults for tests and embedding: an ephemeral port on loopback and the given database. */
  public static ServerConfig local(DatabaseSettings database) {
    return new ServerConfig("127.0.0.1", 0, database, List.of("http://localhost:8080"),
        DEFAULT_SESSION_CREATES_PER_MINUTE, DEFAULT_REQUEST_TIMEOUT_MILLIS);
  }

  public ServerConfig withAllowedOrigins(List<String> origins) {
    return new ServerConfig(host, port, database, origins, sessionCreatesPerMinute,
        requestTimeoutMillis);
  }

  public ServerConfig withSessionCreatesPerMinute(int perMinute) {
    return new ServerConfig(host, port, database, allowedOrigins, perMinute,
        requestTimeoutMillis);
  }

  public ServerConfig withRequestTimeoutMillis(int millis) {
    return new ServerConfig(host, port, database, allowedOrigins, sessionCreatesPerMinute,
        millis);
  }
}
