package com.tutorme.video.server.session;

import com.tutorme.video.storage.VideoSession;

/**
 * Told when a session ends (over the API, or because its booking was cancelled), so that the
 * live room can tell its peers and close their connections. Called off the event loops, once
 * per session, after the end is committed.
 */
@FunctionalInterface
public interface SessionEndListener {
  /** Why a session ended, as peers are told in {@code session-ended}. */
  enum Reason {
    /** Someone ended it over the API. */
    ENDED,
    /** Its booking was cancelled or no longer allows a session. */
    BOOKING_CANCELLED;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  void sessionEnded(VideoSession session, Reason reason);

}
