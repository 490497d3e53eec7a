package com.tutorme.video.storage.jdbi;

import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.BookingStore;
import com.tutorme.video.storage.BookingUpdate;
import com.tutorme.video.storage.BookingWrite.SessionChange;
import com.tutorme.video.storage.BookingWrite;
import com.tutorme.video.storage.VideoSession;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * {@link BookingStore} over Jdbi. The booking and its session change in one transaction, so a
 * confirmed online booking is never seen without its session.
 */
final class JdbiBookingStore implements BookingStore {
  private static final int ATTEMPTS = 5;

  private final Jdbi jdbi;
  private final BookingDao dao;
  private final Clock clock;

  JdbiBookingStore(Jdbi jdbi, Clock clock) {
    this.jdbi = jdbi;
    this.dao = jdbi.onDemand(BookingDao.class);
    this.clock = clock;
  }

  @Override
  public Optional<Booking> find(String bookingId) {
    return Failures.translate(() -> dao.find(bookingId));
  }

  @Override
  public BookingWrite upsert(BookingUpdate update) {
    return Failures.translate(() -> {
      for (int attempt = 1; ; attempt++) {
        try {
          return jdbi.inTransaction(handle -> upsert(handle, update));
        } catch (RuntimeException e) {
          // Two first writes of one booking race to insert it; the loser retries as an update.
          if (attempt >= ATTEMPTS || !Failures.isUniqueViolation(e)) {
            throw e;
          }
        }
      }
    });
  }

  private BookingWrite upsert(Handle handle, BookingUpdate update) {
    BookingDao bookings = handle.attach(BookingDao.class);
    VideoSessionDao sessions = handle.attach(VideoSessionDao.class);
    Instant now = JdbiSessionStore.nowFrom(clock);

    if (bookings.findForUpdate(update.id()).isPresent()) {
      bookings.update(update, now);
    } else {
      bookings.insert(update, now);
    }
    Booking booking = bookings.find(update.id()).orElseThrow();

    Optional<VideoSession> session = sessions.findByBookingId(booking.id());
    if (booking.allowsVideoSession() && session.isEmpty()) {
      VideoSession created = JdbiSessionStore.createOrGet(sessions, booking.id(), now);
      return new BookingWrite(booking, Optional.of(created), SessionChange.CREATED);
    }
    if (!booking.allowsVideoSession() && session.isPresent() && session.get().isActive()) {
      sessions.end(session.get().id(), now);
      return new BookingWrite(booking, sessions.findById(session.get().id()), SessionChange.ENDED);
    }
    // An ended session stays ended even if the booking is confirmed again: its token has been
    // handed out, and "ended" must mean that nobody gets back in with it.
    return new BookingWrite(booking, session, SessionChange.NONE);
  }
}
