package com.tutorme.video.storage.jdbi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import com.tutorme.video.storage.BookingWrite.SessionChange;
import com.tutorme.video.storage.BookingWrite;
import com.tutorme.video.storage.SessionAccess;
import com.tutorme.video.storage.SessionStatus;
import com.tutorme.video.storage.SessionStore.EndResult;
import com.tutorme.video.storage.VideoSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every database must show through the Jdbi stores; run once per database by the
 * H2 and PostgreSQL subclasses, with the schema's migrations ({@link MigrationContract}).
 */
abstract class StoreContract extends MigrationContract {
  @Test
  void upsertStoresTheBookingAndFindReturnsIt() {
    String id = newId();
    BookingWrite write = database.bookings().upsert(
        booking(id, BookingMode.IN_PERSON, BookingStatus.PENDING));

    Booking found = database.bookings().find(id).orElseThrow();
    assertThat(found).isEqualTo(write.booking());
    assertThat(found.studentId()).isEqualTo("student-1");
    assertThat(found.tutorId()).isEqualTo("tutor-1");
    assertThat(found.mode()).isEqualTo(BookingMode.IN_PERSON);
    assertThat(found.status()).isEqualTo(BookingStatus.PENDING);
    assertThat(found.startsAt()).isEqualTo(STARTS);
    assertThat(found.endsAt()).isEqualTo(ENDS);
    assertThat(write.session()).isEmpty();
    assertThat(write.change()).isEqualTo(SessionChange.NONE);
  }

  @Test
  void timestampsAreInstantsWhateverTheOffsetTheyCameWith() {
    String id = newId();
    Instant starts = OffsetDateTime.of(2026, 12, 1, 9, 30, 0, 123_456_000, ZoneOffset.ofHours(-8))
        .toInstant();
    database.bookings().upsert(new BookingUpdate(id, "s", "t", BookingMode.ONLINE,
        BookingStatus.PENDING, starts, starts.plusSeconds(3600)));

    assertThat(database.bookings().find(id).orElseThrow().startsAt())
        .isEqualTo(Instant.parse("2026-12-01T17:30:00.123456Z"));
  }

  @Test
  void findOfAnUnknownBookingIsEmpty() {
    assertThat(database.bookings().find("nope")).isEmpty();
    assertThat(database.sessions().findByBookingId("nope")).isEmpty();
    assertThat(database.sessions().findById("nope")).isEmpty();
    assertThat(database.sessions().findByToken("nope")).isEmpty();
    assertThat(database.sessions().end("nope")).isEmpty();
  }

  @Test
  void confirmingAnOnlineBookingCreatesItsSessionInTheSameWrite() {
    String id = newId();
    assertThat(database.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.PENDING))
        .session()).isEmpty();

    BookingWrite confirmed = database.bookings().upsert(
        booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));

    assertThat(confirmed.change()).isEqualTo(SessionChange.CREATED);
    VideoSession session = confirmed.session().orElseThrow();
    assertThat(session.bookingId()).isEqualTo(id);
    assertThat(session.status()).isEqualTo(SessionStatus.ACTIVE);
    assertThat(session.endedAt()).isNull();
    assertThat(session.id()).matches("[A-Za-z0-9_-]{22}");
    assertThat(session.sessionToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(database.sessions().findByBookingId(id)).contains(session);
  }

  @Test
  void confirmingAgainKeepsTheSameSession() {
    String id = newId();
    VideoSession first = database.bookings()
        .upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED)).session().orElseThrow();

    BookingWrite again = database.bookings().upsert(
        booking(id, BookingMode.ONLINE, BookingStatus.COMPLETED));

    assertThat(again.change()).isEqualTo(SessionChange.NONE);
    assertThat(again.session()).contains(first);
    assertThat(again.booking().status()).isEqualTo(BookingStatus.COMPLETED);
    assertThat(again.booking().createdAt()).isEqualTo(first.createdAt());
  }

  @Test
  void inPersonBookingsGetNoSession() {
    String id = newId();
    BookingWrite write = database.bookings().upsert(
        booking(id, BookingMode.IN_PERSON, BookingStatus.CONFIRMED));

    assertThat(write.session()).isEmpty();
    assertThat(database.sessions().findByBookingId(id)).isEmpty();
  }

  @Test
  void cancellingEndsTheSessionOnceAndItStaysEnded() {
    String id = newId();
    VideoSession session = database.bookings()
        .upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED)).session().orElseThrow();

    BookingWrite cancelled = database.bookings().upsert(
        booking(id, BookingMode.ONLINE, BookingStatus.CANCELLED));
    assertThat(cancelled.change()).isEqualTo(SessionChange.ENDED);
    VideoSession ended = cancelled.session().orElseThrow();
    assertThat(ended.id()).isEqualTo(session.id());
    assertThat(ended.status()).isEqualTo(SessionStatus.ENDED);
    assertThat(ended.endedAt()).isNotNull();

    assertThat(database.bookings().upsert(booking(id, BookingMode.ONLINE,
        BookingStatus.CANCELLED)).change()).isEqualTo(SessionChange.NONE);
    BookingWrite reconfirmed = database.bookings().upsert(
        booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));
    assertThat(reconfirmed.change()).isEqualTo(SessionChange.NONE);
    assertThat(reconfirmed.session()).contains(ended);
  }

  @Test
  void sessionsAreFoundByIdBookingAndToken() {
    String id = newId();
    database.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));
    VideoSession session = database.sessions().createOrGet(id);

    assertThat(database.sessions().findById(session.id())).contains(session);
    assertThat(database.sessions().findByBookingId(id)).contains(session);
    assertThat(database.sessions().findByToken(session.sessionToken())).contains(session);
    SessionAccess access = database.sessions().findAccessByToken(session.sessionToken())
        .orElseThrow();
    assertThat(access.session()).isEqualTo(session);
    assertThat(access.booking()).isEqualTo(database.bookings().find(id).orElseThrow());
    assertThat(database.sessions().findAccessByToken("nope")).isEmpty();
  }

  @Test
  void endSetsEndedOnceAndEndingAgainChangesNothing() {
    String id = newId();
    database.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));
    VideoSession session = database.sessions().findByBookingId(id).orElseThrow();

    EndResult first = database.sessions().end(session.id()).orElseThrow();
    EndResult second = database.sessions().end(session.id()).orElseThrow();

    assertThat(first.endedNow()).isTrue();
    assertThat(first.session().status()).isEqualTo(SessionStatus.ENDED);
    assertThat(first.session().endedAt()).isNotNull();
    assertThat(second.endedNow()).isFalse();
    assertThat(second.session()).isEqualTo(first.session());
  }

  @Test
  void createOrGetIsRaceFreeAcrossSixteenThreads() throws Exception {
    String id = newId();
    database.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.PENDING));
    int threads = 16;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<VideoSession>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return database.sessions().createOrGet(id);
        }));
      }
      start.countDown();
      List<VideoSession> sessions = new ArrayList<>();
      for (Future<VideoSession> result : results) {
        sessions.add(result.get(30, TimeUnit.SECONDS));
      }

      Set<String> ids = sessions.stream().map(VideoSession::id).collect(Collectors.toSet());
      Set<String> tokens =
          sessions.stream().map(VideoSession::sessionToken).collect(Collectors.toSet());
      assertThat(ids).hasSize(1);
      assertThat(tokens).hasSize(1);
      assertThat(countSessionRows(id)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void concurrentFirstWritesOfOneBookingAllSucceed() throws Exception {
    String id = newId();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<BookingWrite>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> {
          start.await();
          return database.bookings().upsert(
              booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));
        }));
      }
      start.countDown();
      Set<String> sessionIds = new java.util.HashSet<>();
      for (Future<BookingWrite> result : results) {
        sessionIds.add(result.get(30, TimeUnit.SECONDS).session().orElseThrow().id());
      }
      assertThat(sessionIds).hasSize(1);
      assertThat(countSessionRows(id)).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theDatabaseRejectsWhatTheSchemaForbids() throws SQLException {
    try (Connection connection = connect(database.settings());
        PreparedStatement insert = connection.prepareStatement("""
            INSERT INTO booking (id, student_id, tutor_id, mode, status, starts_at, ends_at,
                                 created_at, updated_at)
            VALUES ('x', 's', 't', 'ONLINE', 'MAYBE', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP,
                    CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)
            """)) {
      assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class);
    }
  }

  @Test
  void migratingAgainChangesNothing() {
    String id = newId();
    database.bookings().upsert(booking(id, BookingMode.ONLINE, BookingStatus.CONFIRMED));
    VideoSession session = database.sessions().findByBookingId(id).orElseThrow();

    try (Database again = Database.open(database.settings())) {
      assertThat(again.sessions().findByBookingId(id)).contains(session);
      assertThat(again.isReachable(java.time.Duration.ofSeconds(2))).isTrue();
    }
  }

  int countSessionRows(String bookingId) throws SQLException {
    try (Connection connection = connect(database.settings());
        PreparedStatement count = connection.prepareStatement(
            "SELECT COUNT(*) FROM video_session WHERE booking_id = ?")) {
      count.setString(1, bookingId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }
}
