package com.tutorme.video.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.DatabaseUnavailableException;
import com.tutorme.video.storage.TestDatabases.PostgresSchema;
import com.tutorme.video.storage.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The store contract on the real PostgreSQL, each test in a schema of its own. */
class PostgresStoresIT extends StoreContract {
  private PostgresSchema schema;

  @Override
  DatabaseSettings freshDatabase() {
    TestDatabases.requirePostgres();
    schema = TestDatabases.postgresSchema();
    return schema.settings();
  }

  @AfterEach
  void dropSchema() {
    if (schema != null) {
      database.close(); // before the schema goes; closing again in the superclass is harmless
      schema.close();
    }
  }

  /**
   * A statement that waits on another client's lock (or on a database that stopped making
   * progress) is given up after its timeout and said to be the database's unavailability, so
   * the API answers 503 within seconds; it used to wait for the driver's socket timeout.
   */
  @Test
  void aQueryHeldUpByAnotherClientsLockTimesOutAsUnavailable() throws Exception {
    try (Connection other = connect(database.settings());
        Statement locking = other.createStatement()) {
      other.setAutoCommit(false);
      locking.execute("LOCK TABLE booking IN ACCESS EXCLUSIVE MODE");

      assertThatThrownBy(() -> database.bookings().find(newId()))
          .isInstanceOf(DatabaseUnavailableException.class)
          .hasMessage("database unavailable: it did not answer within "
              + Database.QUERY_TIMEOUT_SECONDS + " s");
      other.rollback();
    }
    assertThat(database.bookings().find(newId())).isEmpty(); // the pool is whole again
  }

  /**
   * Replicas starting together on a database an earlier build migrated: one takes the
   * earlier history over while the others wait, then find it taken and go on.
   */
  @Test
  void replicasStartingTogetherTakeTheEarlierHistoryOverOnce() throws Exception {
    String id = asAnEarlierBuildLeftIt();
    try (Connection firstReplica = connect(database.settings());
        Statement first = firstReplica.createStatement()) {
      first.execute("SELECT pg_advisory_lock(" + SchemaMigrations.TAKE_OVER_LOCK + ")");
      CompletableFuture<Database> second =
          CompletableFuture.supplyAsync(() -> Database.open(database.settings()));
      awaitAWaiterFor(first);
      // What the first replica does under the lock: the take-over's rename.
      first.execute("ALTER TABLE \"" + SchemaMigrations.EARLIER_HISTORY_TABLE
          + "\" RENAME TO \"" + SchemaMigrations.HISTORY_TABLE + "\"");
      first.execute("SELECT pg_advisory_unlock(" + SchemaMigrations.TAKE_OVER_LOCK + ")");

      try (Database started = second.get(30, TimeUnit.SECONDS)) {
        assertThat(started.bookings().find(id)).isPresent();
      }
    }
    assertThat(scripts(SchemaMigrations.HISTORY_TABLE))
        .containsExactly("V1__bookings_and_video_sessions.sql");
  }

  /** Until another connection has tried for the take-over's lock, which this one holds. */
  private static void awaitAWaiterFor(Statement holder) {
    Awaitility.await("a start-up trying for the take-over's lock")
        .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> {
          try (ResultSet waiting = holder.executeQuery("SELECT count(*) FROM pg_stat_activity "
              + "WHERE datname = current_database() AND query LIKE '%pg_try_advisory_lock%'"
              + " AND query NOT LIKE '%pg_stat_activity%' AND pid <> pg_backend_pid()")) {
            waiting.next();
            return waiting.getInt(1) > 0;
          }
        });
  }
}
