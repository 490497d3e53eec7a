package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.TestDatabases.PostgresSchema;
import com.tutorme.video.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;

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
}
