package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.SchemaMigrationException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Set;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema to the latest version with Flyway, in names of our own: the migrations under
 * {@value #LOCATION} and their history in {@value #HISTORY_TABLE}. Flyway's defaults
 * ({@code db/migration}, {@code flyway_schema_history}) are what an application embedding the
 * server most likely uses for its own schema, and sharing them would run its migrations on our
 * database or ours on its. For the same reason a schema that already holds another
 * application's tables is migrated beside them.
 */
final class SchemaMigrations {
  static final String LOCATION = "classpath:com/tutorme/video/storage/migration";
  static final String HISTORY_TABLE = "tutorme_video_schema_history";
  /** Where earlier builds kept the history. */
  static final String EARLIER_HISTORY_TABLE = "flyway_schema_history";
  /** The only script those builds had: later ones are recorded under our own name. */
  private static final Set<String> OUR_SCRIPTS = Set.of("V1__bookings_and_video_sessions.sql");
  /**
   * PostgreSQL's advisory lock key the take-over of an earlier history is made under: one for
   * the whole database, so first starts in other schemas wait their turn, briefly. (H2 is
   * embedded: one process at a time opens its file.)
   */
  static final long TAKE_OVER_LOCK = 0x7475_746f_726d_6531L; // "tutorme1"
  /** How long a start waits for another server's take-over, which takes milliseconds. */
  static final Duration TAKE_OVER_WAIT = Duration.ofSeconds(60);

  private SchemaMigrations() {}

  static void migrate(DataSource dataSource) {
    Earlier earlier = adoptEarlierHistory(dataSource);
    Flyway flyway = Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // Another application's tables in the schema: ours go beside them, from version 1;
        // or after it, when a history we share with that application says it ran.
        .baselineOnMigrate(true)
        .baselineVersion(earlier == Earlier.SHARED ? "1" : "0")
        .load();
    flyway.migrate();
  }

  /** What an earlier build left under Flyway's default history name. */
  private enum Earlier {
    /** Nothing of ours, or we have a history of our own already. */
    NONE,
    /** A history of ours alone: renamed to ours. */
    ADOPTED,
    /** Ours beside an embedding application's (both scanned db/migration): left to it. */
    SHARED
  }

  /**
   * A database migrated by an earlier build keeps its history under Flyway's default name. A
   * history of our script alone is renamed to ours, its constraint and index too, so that an
   * embedding application's Flyway can later make its own under that name. One that also names
   * the application's migrations stays where it is, and ours starts after the version it
   * records as applied.
   */
  private static Earlier adoptEarlierHistory(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (exists(statement, HISTORY_TABLE) || !exists(statement, EARLIER_HISTORY_TABLE)) {
        return Earlier.NONE; // nearly every start: nothing to take over, no lock to wait for
      }
      // Replicas starting together after the upgrade would each see the earlier history and
      // rename it: the others failed. Now one does, and the others, waiting, then find ours.
      boolean locked = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
      if (locked) {
        lockTakeOver(statement);
      }
      try {
        return adoptEarlierHistory(statement);
      } finally {
        if (locked) {
          statement.execute("SELECT pg_advisory_unlock(" + TAKE_OVER_LOCK + ")");
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the schema history: " + e.getMessage(), e);
    }
  }

  /**
   * Takes the take-over's lock, waiting for another server's take-over to end. Tried rather
   * than waited for in one statement, which the driver's socket timeout (10 s) would cut.
   */
  private static void lockTakeOver(Statement statement) throws SQLException {
    long deadline = System.nanoTime() + TAKE_OVER_WAIT.toNanos();
    while (true) {
      try (ResultSet taken = statement.executeQuery(
          "SELECT pg_try_advisory_lock(" + TAKE_OVER_LOCK + ")")) {
        taken.next();
        if (taken.getBoolean(1)) {
          return;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new SchemaMigrationException("another server has been taking over the schema"
            + " history for " + TAKE_OVER_WAIT.toSeconds() + " s; start again once it is up",
            null);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SchemaMigrationException("interrupted waiting for the schema history", e);
      }
    }
  }

  private static Earlier adoptEarlierHistory(Statement statement) throws SQLException {
    if (exists(statement, HISTORY_TABLE) || !exists(statement, EARLIER_HISTORY_TABLE)) {
      return Earlier.NONE; // looked at again under the lock: another server may have been first
    }
    boolean ours = false;
    boolean theirs = false;
    // Every migration of any kind (SQL, JDBC, SCRIPT...), not Flyway's own markers: the
    // schema or the history table created (H2 records the latter), a baseline.
    try (ResultSet rows = statement.executeQuery("SELECT \"script\", \"success\" FROM \""
        + EARLIER_HISTORY_TABLE + "\" WHERE \"type\" NOT IN ('SCHEMA', 'TABLE', 'BASELINE')")) {
      while (rows.next()) {
        if (OUR_SCRIPTS.contains(rows.getString(1))) {
          ours |= rows.getBoolean(2); // a failed run of ours left nothing to keep
        } else {
          theirs = true;
        }
      }
    }
    if (!ours) {
      return Earlier.NONE;
    }
    if (theirs) {
      return Earlier.SHARED;
    }
    statement.execute(rename("TABLE", EARLIER_HISTORY_TABLE, HISTORY_TABLE));
    // Flyway's names for them on H2 and PostgreSQL; a database that named them otherwise
    // keeps those names, which only an application's own Flyway could trip on.
    tryExecute(statement, "ALTER TABLE \"" + HISTORY_TABLE + "\" RENAME CONSTRAINT \""
        + EARLIER_HISTORY_TABLE + "_pk\" TO \"" + HISTORY_TABLE + "_pk\"");
    tryExecute(statement, rename("INDEX", EARLIER_HISTORY_TABLE + "_s_idx",
        HISTORY_TABLE + "_s_idx"));
    return Earlier.ADOPTED;
  }

  private static String rename(String kind, String from, String to) {
    return "ALTER " + kind + " \"" + from + "\" RENAME TO \"" + to + "\"";
  }

  /** For what may not be there under that name: then there is nothing of Flyway's to free. */
  private static void tryExecute(Statement statement, String sql) {
    try {
      statement.execute(sql);
    } catch (SQLException e) {
      // auto-commit: a failed statement leaves no transaction to abort
    }
  }

  /** Flyway quotes its table names, so they are looked for as written, in the current schema. */
  private static boolean exists(Statement statement, String table) {
    try (ResultSet ignored = statement.executeQuery(
        "SELECT 1 FROM \"" + table + "\" WHERE 1 = 0")) {
      return true;
    } catch (SQLException e) {
      return false; // auto-commit: a failed statement leaves no transaction to abort
    }
  }
}
