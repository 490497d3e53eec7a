package com.tutorme.video.storage;

import java.util.Optional;

/**
 * The outcome of writing a booking: the booking as stored, its video session if it has one, and
 * what the write did to that session, so the caller can tell a live room that it ended.
 */
public record BookingWrite(Booking booking, Optional<VideoSession> session, SessionChange change) {

  /** What a booking write did to the booking's video session. */
  public enum SessionChange {
    /** The session, if any, is as it was. */
    NONE,
    /** The booking became a confirmed online lesson and its session was created. */
    CREATED,
    /** The booking no longer allows a session (cancelled, for instance) and its session ended. */
    ENDED
  }
}
