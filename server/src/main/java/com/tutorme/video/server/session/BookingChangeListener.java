package com.tutorme.video.server.session;

import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.VideoSession;

/**
 * Told after a booking write that leaves the booking's session live, with the booking as
 * written: its student or tutor may have changed, and the live room must not keep someone who
 * is neither any more. Called off the event loops, after the write is committed.
 */
@FunctionalInterface
public interface BookingChangeListener {
  void bookingChanged(VideoSession session, Booking booking);

}
