package com.tutorme.video.storage.jdbi;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
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

  private SchemaMigrations() {}

  static void migrate(DataSource dataSource) {
    adoptEarlierHistory(dataSource);
    Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .table(HISTORY_TABLE)
        // Another application's tables in the schema: ours go beside them, from version 1.
        .baselineOnMigrate(true)
        .baselineVersion("0")
        .load()
        .migrate();
  }

  /**
   * A database migrated by an earlier version keeps its history under Flyway's default name;
   * renamed to ours, it is not migrated again. Only a history of our scripts alone is taken:
   * one that names any other is an embedding application's, and stays where it is.
   */
  private static void adoptEarlierHistory(DataSource dataSource) {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (exists(statement, HISTORY_TABLE) || !exists(statement, EARLIER_HISTORY_TABLE)) {
        return;
      }
      Set<String> scripts = new HashSet<>();
      // Migrations only: Flyway also records the schema's creation and baselines, script-less.
      try (ResultSet rows = statement.executeQuery("SELECT \"script\" FROM \""
          + EARLIER_HISTORY_TABLE + "\" WHERE \"type\" = 'SQL'")) {
        while (rows.next()) {
          scripts.add(rows.getString(1));
        }
      }
      if (!scripts.isEmpty() && OUR_SCRIPTS.containsAll(scripts)) {
        statement.execute("ALTER TABLE \"" + EARLIER_HISTORY_TABLE + "\" RENAME TO \""
            + HISTORY_TABLE + "\"");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the schema history: " + e.getMessage(), e);
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
