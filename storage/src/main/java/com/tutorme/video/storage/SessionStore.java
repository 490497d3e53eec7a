package com.tutorme.video.storage;

import java.util.Optional;

/** Video sessions, one per booking. Every method blocks on the database. */
public interface SessionStore {

  /**
   * Returns the booking's session, creating it if it has none. Race-free: concurrent callers for
   * one booking all get the same session and exactly one row exists. The caller checks that the
   * booking exists and allows a session.
   */
  VideoSession createOrGet(String bookingId);

  Optional<VideoSession> findById(String sessionId);

  Optional<VideoSession> findByBookingId(String bookingId);

  Optional<VideoSession> findByToken(String sessionToken);

  /** The session a token admits to, with its booking, in one query: all a join reads. */
  Optional<SessionAccess> findAccessByToken(String sessionToken);

  /**
   * Ends the session: status {@code ENDED} and {@code endedAt} set once. Ending an ended session
   * changes nothing and returns it as it is.
   */
  Optional<EndResult> end(String sessionId);

  /** A session after an end request, and whether this request is the one that ended it. */
  record EndResult(VideoSession session, boolean endedNow) {}
}
