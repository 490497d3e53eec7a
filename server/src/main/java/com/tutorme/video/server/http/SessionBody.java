package com.tutorme.video.server.http;

import com.tutorme.video.storage.SessionStatus;
import com.tutorme.video.storage.VideoSession;
import java.time.Instant;

/** A video session as the API shows it; the session token admits its holder to the room. */
public record SessionBody(String id, String bookingId, String sessionToken, SessionStatus status,
    Instant startedAt, Instant endedAt) {

  static SessionBody of(VideoSession session) {
    return new SessionBody(session.id(), session.bookingId(), session.sessionToken(),
        session.status(), session.startedAt(), session.endedAt());
  }
}
