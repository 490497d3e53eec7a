package com.tutorme.video.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.SchemaMigrationException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A database of its own for each test, opened (so migrated) before it, and the schema's
 * migrations as every database must take them: beside an embedding application's own Flyway,
 * and from what earlier builds left. {@link StoreContract} adds the stores' behaviour.
 */
abstract class MigrationContract {
  static final Instant STARTS = Instant.parse("2026-12-01T15:00:00Z");
  static final Instant ENDS = Instant.parse("2026-12-01T16:00:00Z");

  Database database;

  /** Settings for a database no other test uses. */
  abstract DatabaseSettings freshDatabase();

  @BeforeEach
  void open() {
    database = Database.open(freshDatabase());
  }

  @AfterEach
  void close() {
    database.close();
  }

  static BookingUpdate booking(String id, BookingMode mode, BookingStatus status) {
    return new BookingUpdate(id, "student-1", "tutor-1", mode, status, STARTS, ENDS);
  }

  static String newId() {
    return "b-" + UUID.randomUUID();
  }

  @Test
  void anEmbeddingAppsOwnMigrationsAndHistoryAreLeftAlone() throws SQLException {
    hostFlyway().migrate(); // beside our tables, as an app sharing a schema must

    String id = newId();
    database.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));

    try (Database again = Database.open(database.settings())) {
      assertThat(again.bookings().find(id)).isPresent();
    }
    assertThat(scripts(SchemaMigrations.EARLIER_HISTORY_TABLE))
        .containsExactly("V1__an_embedding_apps_own_table.sql");
    assertThat(scripts(SchemaMigrations.HISTORY_TABLE))
        .containsExactly("V1__bookings_and_video_sessions.sql");
  }

  @Test
  void aSchemaHoldingAnotherAppsTablesGetsOursBesideThem() throws SQLException {
    execute("DROP TABLE video_session", "DROP TABLE booking",
        "DROP TABLE \"" + SchemaMigrations.HISTORY_TABLE + "\"",
        "CREATE TABLE host_order (id INTEGER PRIMARY KEY)");

    try (Database again = Database.open(database.settings())) {
      String id = newId();
      again.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));
      assertThat(again.sessions().findByBookingId(id)).isPresent();
    }
  }

  @Test
  void aDatabaseMigratedByAnEarlierBuildIsAdoptedWithItsData() throws SQLException {
    String id = asAnEarlierBuildLeftIt();

    try (Database again = Database.open(database.settings())) {
      assertThat(again.bookings().find(id)).isPresent();
    }
    assertThat(scripts(SchemaMigrations.HISTORY_TABLE))
        .containsExactly("V1__bookings_and_video_sessions.sql");
    // Flyway's default name is free again, its constraint and index too: an embedding app
    // that starts using Flyway in this schema can make its own history there.
    hostFlyway().migrate();
    assertThat(scripts(SchemaMigrations.EARLIER_HISTORY_TABLE))
        .containsExactly("V1__an_embedding_apps_own_table.sql");
  }

  @Test
  void aHistoryAnEarlierBuildSharedWithTheAppIsLeftToItAndOursStartsAfterIt()
      throws SQLException {
    String id = asAnEarlierBuildLeftIt();
    // Both scanned db/migration then: the app's own migration is in the same history.
    execute("INSERT INTO \"" + SchemaMigrations.EARLIER_HISTORY_TABLE + "\" (\"installed_rank\", "
        + "\"version\", \"description\", \"type\", \"script\", \"checksum\", \"installed_by\", "
        + "\"execution_time\", \"success\") VALUES (100, '2', 'host orders', 'JDBC', "
        + "'db.migration.V2__HostOrders', NULL, 'host', 1, TRUE)");

    try (Database again = Database.open(database.settings())) {
      assertThat(again.bookings().find(id)).isPresent();
    }
    assertThat(scripts(SchemaMigrations.EARLIER_HISTORY_TABLE)).containsExactly(
        "V1__bookings_and_video_sessions.sql");
    assertThat(scripts(SchemaMigrations.HISTORY_TABLE)).isEmpty(); // a baseline at 1
  }

  /**
   * Our schema as builds before our own names left it: migrated by Flyway's defaults, so its
   * history, constraint and index under Flyway's names; with one booking, whose id it returns.
   */
  String asAnEarlierBuildLeftIt() throws SQLException {
    execute("DROP TABLE video_session", "DROP TABLE booking",
        "DROP TABLE \"" + SchemaMigrations.HISTORY_TABLE + "\"");
    Flyway.configure().dataSource(database.settings().jdbcUrl(), database.settings().user(),
        database.settings().password()).locations(SchemaMigrations.LOCATION).load().migrate();
    String id = newId();
    execute("INSERT INTO booking (id, student_id, tutor_id, mode, status, starts_at, ends_at, "
        + "created_at, updated_at) VALUES ('" + id + "', 's', 't', 'ONLINE', 'PENDING', "
        + "TIMESTAMP WITH TIME ZONE '2026-12-01 15:00:00+00', "
        + "TIMESTAMP WITH TIME ZONE '2026-12-01 16:00:00+00', CURRENT_TIMESTAMP, "
        + "CURRENT_TIMESTAMP)");
    return id;
  }

  /** An embedding application's Flyway, by its defaults, sharing the schema. */
  private Flyway hostFlyway() {
    return Flyway.configure().dataSource(database.settings().jdbcUrl(),
        database.settings().user(), database.settings().password())
        .baselineOnMigrate(true).baselineVersion("0").load();
  }

  @Test
  void aTableOfOursTakenByAnotherAppIsASchemaErrorNotAnOutage() throws SQLException {
    execute("DROP TABLE video_session", "DROP TABLE booking",
        "DROP TABLE \"" + SchemaMigrations.HISTORY_TABLE + "\"",
        "CREATE TABLE booking (id INTEGER PRIMARY KEY)");

    assertThatThrownBy(() -> Database.open(database.settings()))
        .isInstanceOf(SchemaMigrationException.class)
        .hasMessageStartingWith("cannot migrate ");
  }

  /** The migrations a Flyway history records, in order. */
  List<String> scripts(String historyTable) throws SQLException {
    List<String> scripts = new ArrayList<>();
    try (Connection connection = connect(database.settings());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT \"script\" FROM \"" + historyTable + "\" WHERE \"type\" = 'SQL' "
                + "ORDER BY \"installed_rank\"")) {
      while (rows.next()) {
        scripts.add(rows.getString(1));
      }
    }
    return scripts;
  }

  private void execute(String... statements) throws SQLException {
    try (Connection connection = connect(database.settings());
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  static Connection connect(DatabaseSettings settings) throws SQLException {
    return DriverManager.getConnection(settings.jdbcUrl(), settings.user(), settings.password());
  }
}
