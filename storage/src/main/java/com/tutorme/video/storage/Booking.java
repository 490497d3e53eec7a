package com.tutorme.video.storage;

import java.time.Instant;
import java.util.Objects;

/** A lesson booked between a student and a tutor, as the booking backend last reported it. */
public record Booking(
    String id,
    String studentId,
    String tutorId,
    BookingMode mode,
    BookingStatus status,
    Instant startsAt,
    Instant endsAt,
    Instant createdAt,
    Instant updatedAt) {

  public Booking {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(studentId, "studentId");
    Objects.requireNonNull(tutorId, "tutorId");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Whether the user is this booking's student or its tutor. */
  public boolean isParticipant(String userId) {
    return studentId.equals(userId) || tutorId.equals(userId);
  }

  /**
   * Whether the booking may have a video session: an online lesson that is confirmed or
   * completed, as in the original system.
   */
  public boolean allowsVideoSession() {
    return mode == BookingMode.ONLINE
        && (status == BookingStatus.CONFIRMED || status == BookingStatus.COMPLETED);
  }
}
