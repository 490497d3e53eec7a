package com.tutorme.video.storage;

import java.util.Optional;

/** Bookings as the booking backend reports them. Every method blocks on the database. */
public interface BookingStore {

  /**
   * Inserts or updates a booking and, in the same transaction, keeps its video session in step:
   * a booking that becomes a confirmed online lesson gets its session; one that no longer allows
   * a session (cancelled, moved in person, back to pending) has its active session ended.
   */
  BookingWrite upsert(BookingUpdate update);

  Optional<Booking> find(String bookingId);
}
