package com.tutorme.video.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.DatabaseSettings;
import com.tutorme.video.storage.TestDatabases;
import com.tutorme.video.storage.VideoSession;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on embedded H2, plus what only the embedded file database does. */
class H2StoresTest extends StoreContract {
  @TempDir Path directory;

  @Override
  DatabaseSettings freshDatabase() {
    return TestDatabases.h2InMemory();
  }

  @Test
  void theEmbeddedFileDatabaseKeepsItsDataAcrossARestart() {
    DatabaseSettings embedded = DatabaseSettings.embedded(directory.resolve("data"));
    String id = newId();
    VideoSession written;
    try (Database first = Database.open(embedded)) {
      written = first.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED))
          .session().orElseThrow();
    }

    try (Database reopened = Database.open(embedded)) {
      assertThat(reopened.sessions().findByToken(written.sessionToken())).contains(written);
      assertThat(reopened.bookings().find(id)).isPresent();
    }
    assertThat(directory.resolve("data/tutorme.mv.db")).exists();
  }
}
