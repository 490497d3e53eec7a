package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.BookingStore;
import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.DatabaseUnavailableException;
import com.tutorme.video.storage.SchemaMigrationException;
import com.tutorme.video.storage.SessionStore;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * The open database: a HikariCP pool, the schema migrated to the latest version, and the stores
 * over it. Opening fails fast with {@link DatabaseUnavailableException} when the database cannot
 * be reached, and with {@link SchemaMigrationException} when its schema cannot be migrated, so a
 * misconfigured server says so at start-up instead of on the first request.
 */
public final class Database implements AutoCloseable {
  /**
   * How long a statement may run before it is cancelled and the caller told the database is
   * unavailable (503). Every query here takes milliseconds; one that waits on a lock another
   * client holds, or on a database that has stopped making progress, held its request and a
   * pool connection until the driver's socket timeout, 10 s, and those behind it longer.
   */
  static final int QUERY_TIMEOUT_SECONDS = 2;

  /** Null for a data source the caller brought ({@link #using}). */
  private final DatabaseSettings settings;
  private final DataSource dataSource;
  /** The pool this opened, which it closes; null for a data source the caller owns. */
  private final HikariDataSource ownPool;
  private final int maxConnections;
  private final BookingStore bookings;
  private final SessionStore sessions;

  private Database(DatabaseSettings settings, DataSource dataSource, HikariDataSource ownPool,
      int maxConnections, Clock clock) {
    this.settings = settings;
    this.dataSource = dataSource;
    this.ownPool = ownPool;
    this.maxConnections = maxConnections;
    Jdbi jdbi = Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
    jdbi.getConfig(SqlStatements.class).setQueryTimeout(QUERY_TIMEOUT_SECONDS);
    UtcInstants.register(jdbi);
    this.bookings = new JdbiBookingStore(jdbi, clock);
    this.sessions = new JdbiSessionStore(jdbi, clock);
  }

  /** Opens the pool and applies pending migrations; applying them again changes nothing. */
  public static Database open(DatabaseSettings settings) {
    return open(settings, Clock.systemUTC());
  }

  public static Database open(DatabaseSettings settings, Clock clock) {
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(poolConfig(settings));
    } catch (RuntimeException e) {
      throw new DatabaseUnavailableException(
          "cannot connect to " + settings.describe() + ": " + Failures.rootMessage(e), e);
    }
    try {
      migrate(pool, settings.describe());
      return new Database(settings, pool, pool, settings.maxPoolSize(), clock);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /**
   * Serves from a data source the caller owns, an embedding application's pool: migrated here
   * (the tables and history under names of our own, beside the application's), never closed
   * here. PostgreSQL or H2 in PostgreSQL mode. How soon an outage answers 503 is then the
   * pool's connection timeout; ours is 1.5 s.
   *
   * @param maxConnections the most connections it lends this server at once: the server's
   *     blocking work is sized to it
   */
  public static Database using(DataSource dataSource, int maxConnections) {
    if (maxConnections < 1) {
      throw new IllegalArgumentException("maxConnections must be at least 1");
    }
    migrate(dataSource, "the data source given");
    return new Database(null, dataSource, null, maxConnections, Clock.systemUTC());
  }

  private static void migrate(DataSource dataSource, String described) {
    try {
      SchemaMigrations.migrate(dataSource);
    } catch (RuntimeException e) {
      String message = "cannot migrate " + described + ": " + Failures.rootMessage(e);
      // Reached a moment ago: a broken connection now is an outage, anything else the schema's.
      throw Failures.isConnectionFailure(e) ? new DatabaseUnavailableException(message, e)
          : new SchemaMigrationException(message, e);
    }
  }

  private static HikariConfig poolConfig(DatabaseSettings settings) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("tutorme-db");
    config.setJdbcUrl(settings.jdbcUrl());
    config.setUsername(settings.user());
    config.setPassword(settings.password());
    config.setMaximumPoolSize(settings.maxPoolSize());
    config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
    config.setConnectionTimeout(settings.connectionTimeout().toMillis());
    // The pool tests a connection idle for half a second before lending it, for up to 5 s by
    // default: a database that stopped answering held the first requests that long before
    // their 503. Half the connection timeout here (750 ms by default), at most 1 s and at
    // least the pool's floor of 250 ms, so that a test and a wait for a new connection
    // together stay near the connection timeout.
    long connectionTimeout = settings.connectionTimeout().toMillis();
    config.setValidationTimeout(Math.max(250, Math.min(1_000, connectionTimeout / 2)));
    // Fail at start-up, not on the first request, when the database is unreachable.
    config.setInitializationFailTimeout(settings.connectionTimeout().toMillis());
    if (settings.jdbcUrl().startsWith("jdbc:postgresql:")) {
      // Bound how long a dead database can hold a thread: connect within 2 s, and no read on a
      // broken connection waits longer than 10 s (every query here takes milliseconds).
      config.addDataSourceProperty("connectTimeout", "2");
      config.addDataSourceProperty("socketTimeout", "10");
      config.addDataSourceProperty("ApplicationName", "tutorme-video");
    }
    return config;
  }

  public BookingStore bookings() {
    return bookings;
  }

  public SessionStore sessions() {
    return sessions;
  }

  /** The settings it was opened with; null for a data source the caller brought. */
  public DatabaseSettings settings() {
    return settings;
  }

  /** The largest number of statements that can run at once; size blocking executors to it. */
  public int maxConnections() {
    return maxConnections;
  }

  /**
   * Checks that the database answers within the pool's connection timeout plus {@code timeout}
   * for the check itself.
   */
  public boolean isReachable(Duration timeout) {
    try (Connection connection = dataSource.getConnection()) {
      return connection.isValid(Math.max(1, (int) timeout.toSeconds()));
    } catch (SQLException | RuntimeException e) {
      return false;
    }
  }

  /** Closes the pool this opened; a data source the caller brought is left to the caller. */
  @Override
  public void close() {
    if (ownPool != null) {
      ownPool.close();
    }
  }
}
