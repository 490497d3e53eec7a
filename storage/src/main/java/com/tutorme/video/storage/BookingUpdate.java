package com.tutorme.video.storage;

import java.time.Instant;
import java.util.Objects;

/** What the booking backend says a booking now is; the store keeps its own timestamps. */
public record BookingUpdate(
    String id,
    String studentId,
    String tutorId,
    BookingMode mode,
    BookingStatus status,
    Instant startsAt,
    Instant endsAt) {

  public BookingUpdate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(tutorId, "tutorId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    if (!endsAt.isAfter(startsAt)) {
      throw new IllegalArgumentException("endsAt must be after startsAt");
    }
  }
}
