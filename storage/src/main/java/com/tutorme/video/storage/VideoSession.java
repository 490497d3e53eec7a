package com.tutorme.video.storage;

import java.time.Instant;
import java.util.Objects;

/**
 * The video session of one booking: its id, the secret token that admits peers to its room, and
 * whether it has ended.
 */
public record VideoSession(
    String id,
    String bookingId,
    String sessionToken,
    SessionStatus status,
    Instant startedAt,
    Instant endedAt,
    Instant createdAt,
    Instant updatedAt) {

  public VideoSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(bookingId, "bookingId");
    Objects.requireNonNull(sessionToken, "sessionToken");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  public boolean isActive() {
    return status == SessionStatus.ACTIVE;
  }
}
