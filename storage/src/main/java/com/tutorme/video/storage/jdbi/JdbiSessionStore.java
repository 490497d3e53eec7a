package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.SessionAccess;
import com.tutorme.video.storage.SessionStore;
import com.tutorme.video.storage.VideoSession;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** {@link SessionStore} over Jdbi; each call is its own short transaction. */
final class JdbiSessionStore implements SessionStore {
  /** Attempts before create-or-get gives up on a conflicting concurrent insert. */
  private static final int ATTEMPTS = 5;

  private final Jdbi jdbi;
  private final VideoSessionDao dao;
  private final Clock clock;

  JdbiSessionStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.dao = jdbi.onDemand(VideoSessionDao.class);
    this.clock = clock;
  }

  @Override
  public VideoSession createOrGet(String bookingId) {
    return Failures.translate(() -> {
      for (int attempt = 1; ; attempt++) {
        try {
          return jdbi.withExtension(VideoSessionDao.class, d -> createOrGet(d, bookingId, now()));
        } catch (RuntimeException e) {
          // H2 may report the losing insert of a race as a duplicate instead of doing nothing;
          // by then the winner's row is committed, so reading again finds it.
          if (attempt >= ATTEMPTS || !Failures.isUniqueViolation(e)) {
            throw e;
          }
        }
      }
    });
  }

  /** Find, else insert-if-absent and read what won; shared with the booking upsert. */
  static VideoSession createOrGet(VideoSessionDao dao, String bookingId, Instant now) {
    Optional<VideoSession> existing = dao.findByBookingId(bookingId);
    if (existing.isPresent()) {
      return existing.get();
    }
    dao.insertIfAbsent(Ids.sessionId(), bookingId, Ids.sessionToken(), now);
    return dao.findByBookingId(bookingId)
        .orElseThrow(() -> new IllegalStateException("session vanished after insert"));
  }

  @Override
  public Optional<VideoSession> findById(String sessionId) {
    return Failures.translate(() -> dao.findById(sessionId));
  }

  @Override
  public Optional<VideoSession> findByBookingId(String bookingId) {
    return Failures.translate(() -> dao.findByBookingId(bookingId));
  }

  @Override
  public Optional<VideoSession> findByToken(String sessionToken) {
    return Failures.translate(() -> dao.findByToken(sessionToken));
  }

  @Override
  public Optional<SessionAccess> findAccessByToken(String sessionToken) {
    return Failures.translate(() -> dao.findAccessByToken(sessionToken));
  }

  @Override
  public Optional<EndResult> end(String sessionId) {
    return Failures.translate(() -> jdbi.inTransaction(handle -> {
      VideoSessionDao d = handle.attach(VideoSessionDao.class);
      boolean endedNow = d.end(sessionId, now()) == 1;
      return d.findById(sessionId).map(session -> new EndResult(session, endedNow));
    }));
  }

  private Instant now() {
    return nowFrom(clock);
  }

  /** PostgreSQL keeps microseconds; truncating here makes what is written equal what is read. */
  static Instant nowFrom(Clock clock) {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
