package com.tutorme.video.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Where the database is and how to pool connections to it. The password never appears in
 * {@link #toString()} or {@link #describe()}, so settings can be logged.
 */
public record DatabaseSettings(
    String jdbcUrl, String user, String password, int maxPoolSize, Duration connectionTimeout) {

  /** Pool size when none is given: enough for two cores' worth of blocking work. */
  public static final int DEFAULT_POOL_SIZE = 10;

  /**
   * How long a caller waits for a connection before the database counts as unavailable; short,
   * so that an outage answers 503 within about two seconds instead of hanging requests.
   */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofMillis(1500);

  // H2 speaks enough PostgreSQL for one set of migrations and queries to serve both.
  private static final String H2_OPTIONS =
      ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";

  public DatabaseSettings {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(connectionTimeout, "connectionTimeout");
    if (maxPoolSize < 1 || maxPoolSize > 200) {
      throw new IllegalArgumentException("pool size must be between 1 and 200, got " + maxPoolSize);
    }
    if (connectionTimeout.compareTo(Duration.ofMillis(250)) < 0) {
      throw new IllegalArgumentException("connection timeout must be at least 250 ms");
    }
  }

  /** The embedded H2 file database in {@code directory}, created on first use. */
  public static DatabaseSettings embedded(Path directory) {
    String file = directory.toAbsolutePath().normalize().resolve("tutorme").toString();
    // DB_CLOSE_ON_EXIT=FALSE: the server closes the pool itself on shutdown, after the last query.
    return new DatabaseSettings(
        "jdbc:h2:file:" + file + H2_OPTIONS + ";DB_CLOSE_ON_EXIT=FALSE",
        "sa",
        "",
        DEFAULT_POOL_SIZE,
        DEFAULT_CONNECTION_TIMEOUT);
  }

  /**
   * Settings from a configured URL: a JDBC URL ({@code jdbc:postgresql:} or {@code jdbc:h2:}) or
   * the {@code postgresql://user:password@host:port/db} form that Prisma and Heroku use, so the
   * original app's {@code DATABASE_URL} works unchanged. Explicit user and password win over
   * those in the URL.
   *
   * @throws IllegalArgumentException with a message that does not repeat the password
   */
  public static DatabaseSettings fromUrl(String url, String user, String password) {
    Objects.requireNonNull(url, "url");
    String trimmed = url.strip();
    if (trimmed.startsWith("jdbc:postgresql:")) {
      return of(trimmed, user, password);
    }
    if (trimmed.startsWith("jdbc:h2:")) {
      String withMode = trimmed.toUpperCase().contains(";MODE=") ? trimmed : trimmed + H2_OPTIONS;
      return of(withMode, user == null ? "sa" : user, password == null ? "" : password);
    }
    if (trimmed.startsWith("postgres://") || trimmed.startsWith("postgresql://")) {
      return fromPostgresUri(trimmed, user, password);
    }
    throw new IllegalArgumentException(
        "DATABASE_URL must start with jdbc:postgresql:, jdbc:h2: or postgresql://");
  }

  private static DatabaseSettings fromPostgresUri(String url, String user, String password) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("DATABASE_URL is not a valid postgresql:// URL");
    }
    // A host name with '_' (a container's, say my_db) is no URI host: read from the authority.
    Authority authority = uri.getHost() != null
        ? new Authority(uri.getRawUserInfo(), uri.getHost(), uri.getPort())
        : Authority.parse(uri.getRawAuthority());
    if (authority == null || uri.getPath() == null || uri.getPath().length() < 2) {
      throw new IllegalArgumentException(
          "DATABASE_URL must name a host and a database, as in postgresql://host:5432/db");
    }
    String uriUser = null;
    String uriPassword = null;
    if (authority.userInfo() != null) {
      String[] parts = authority.userInfo().split(":", 2);
      uriUser = decode(parts[0]);
      uriPassword = parts.length > 1 ? decode(parts[1]) : null;
    }
    String port = authority.port() > 0 ? ":" + authority.port() : "";
    String query = uri.getRawQuery() == null ? "" : "?" + jdbcParameters(uri.getRawQuery());
    String jdbcUrl = "jdbc:postgresql://" + authority.host() + port + uri.getRawPath() + query;
    return of(
        jdbcUrl, user != null ? user : uriUser, password != null ? password : uriPassword);
  }

  /** A URL's user information (raw, still escaped), host and port (-1 for none). */
  private record Authority(String userInfo, String host, int port) {
    private static final Pattern HOST_PORT =
        Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])(?::([0-9]{1,5}))?");

    static Authority parse(String raw) {
      if (raw == null) {
        return null;
      }
      int at = raw.lastIndexOf('@');
      Matcher hostPort = HOST_PORT.matcher(raw.substring(at + 1));
      if (!hostPort.matches()) {
        return null;
      }
      return new Authority(at < 0 ? null : raw.substring(0, at), hostPort.group(1),
          hostPort.group(2) == null ? -1 : Integer.parseInt(hostPort.group(2)));
    }
  }

  /**
   * The URL's parameters for the JDBC driver: Prisma's {@code schema} is the driver's {@code
   * currentSchema} (ignored by the driver, it left the tables in {@code public}); the others,
   * sslmode among them, mean the same to both.
   */
  private static String jdbcParameters(String rawQuery) {
    return Arrays.stream(rawQuery.split("&"))
        .map(parameter -> parameter.startsWith("schema=")
            ? "currentSchema=" + parameter.substring("schema=".length()) : parameter)
        .collect(Collectors.joining("&"));
  }

  /**
   * Percent-decodes a URL's user or password. URLDecoder decodes forms, where '+' is a space;
   * in a URL it is itself, so it is escaped first. (The URI parser has refused bad escapes.)
   */
  private static String decode(String part) {
    return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static DatabaseSettings of(String jdbcUrl, String user, String password) {
    return new DatabaseSettings(
        jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
  }

  public DatabaseSettings withMaxPoolSize(int size) {
    return new DatabaseSettings(jdbcUrl, user, password, size, connectionTimeout);
  }

  public DatabaseSettings withConnectionTimeout(Duration timeout) {
    return new DatabaseSettings(jdbcUrl, user, password, maxPoolSize, timeout);
  }

  public boolean isEmbeddedH2() {
    return jdbcUrl.startsWith("jdbc:h2:");
  }

  /** The URL without its options (which may carry a password) and the user, for log lines. */
  public String describe() {
    int options = indexOfAny(jdbcUrl, ';', '?');
    String base = options < 0 ? jdbcUrl : jdbcUrl.substring(0, options);
    return user == null || user.isEmpty() ? base : base + " as " + user;
  }

  private static int indexOfAny(String s, char a, char b) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == a || s.charAt(i) == b) {
        return i;
      }
    }
    return -1;
  }

  @Override
  public String toString() {
    return "DatabaseSettings[" + describe() + ", pool=" + maxPoolSize + "]";
  }
}
