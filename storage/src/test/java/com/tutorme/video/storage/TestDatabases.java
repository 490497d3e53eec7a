package com.tutorme.video.storage;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests: private H2 in-memory databases, and private schemas in the real
 * PostgreSQL on 127.0.0.1:5432 (database {@code test}), dropped afterwards so no run leaves
 * state for the next. Outside CI an unreachable PostgreSQL skips the test with a message; under
 * {@code CI=true} it fails it, because CI must run the PostgreSQL half.
 */
public final class TestDatabases {
  /** Override with TEST_POSTGRES_URL / TEST_POSTGRES_USER to point the suite elsewhere. */
  public static final String POSTGRES_URL = env("TEST_POSTGRES_URL",
      "jdbc:postgresql://127.0.0.1:5432/test");
  public static final String POSTGRES_USER = env("TEST_POSTGRES_USER", "postgres");

  private TestDatabases() {}

  /** A fresh in-memory H2 database in PostgreSQL mode, alive until the JVM exits. */
  public static DatabaseSettings h2InMemory() {
    return DatabaseSettings.fromUrl(
        "jdbc:h2:mem:test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null);
  }

  /** A fresh schema in the local PostgreSQL; close it to drop the schema. */
  public static PostgresSchema postgresSchema() {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      unavailable(e);
    }
    DatabaseSettings settings = DatabaseSettings.fromUrl(
        POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema,
        POSTGRES_USER, "");
    return new PostgresSchema(schema, settings);
  }

  /** Skips (or under CI fails) the calling test when PostgreSQL cannot be reached. */
  public static void requirePostgres() {
    try (Connection connection = connect()) {
      connection.isValid(2);
    } catch (SQLException e) {
      unavailable(e);
    }
  }

  public static boolean isCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Connection connect() throws SQLException {
    DriverManager.setLoginTimeout(3);
    return DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
  }

  private static void unavailable(SQLException e) {
    String message = "PostgreSQL at " + POSTGRES_URL + " as " + POSTGRES_USER
        + " is unreachable (" + e.getMessage() + "); start it with: "
        + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start";
    if (isCi()) {
      fail("CI=true requires PostgreSQL: " + message);
    }
    assumeTrue(false, "skipping the PostgreSQL half: " + message);
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }

  /** A private PostgreSQL schema for one test class or test. */
  public record PostgresSchema(String name, DatabaseSettings settings) implements AutoCloseable {
    @Override
    public void close() {
      try (Connection connection = connect(); Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
      } catch (SQLException e) {
        throw new IllegalStateException("could not drop test schema " + name, e);
      }
    }
  }
}
