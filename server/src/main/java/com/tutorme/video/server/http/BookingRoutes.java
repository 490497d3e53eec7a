package com.tutorme.video.server.http;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.Role;
import com.tutorme.video.server.session.SessionService;
import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import com.tutorme.video.storage.BookingWrite;
import java.time.Instant;

/**
 * Booking intake: the booking backend, with a {@code service} token, tells us what a booking
 * now is. Confirming an online booking creates its session; cancelling ends it.
 */
public final class BookingRoutes {
  private BookingRoutes() {}

  /** Body of {@code PUT /api/bookings/{id}}. */
  record BookingRequest(String studentId, String tutorId, BookingMode mode, BookingStatus status,
      Instant startsAt, Instant endsAt) {}

  /** A booking as the intake endpoint answers it, with its session if it has one. */
  record BookingBody(String id, String studentId, String tutorId, BookingMode mode,
      BookingStatus status, Instant startsAt, Instant endsAt, SessionBody session,
      String sessionChange) {

    static BookingBody of(BookingWrite write) {
      Booking b = write.booking();
      return new BookingBody(b.id(), b.studentId(), b.tutorId(), b.mode(), b.status(),
          b.startsAt(), b.endsAt(), write.session().map(SessionBody::of).orElse(null),
          write.change().name());
    }
  }

  public static void register(Router router, HttpAuthenticator auth, SessionService sessions) {
    router.put("/api/bookings/{id}", request -> {
      Principal caller = auth.authenticate(request);
      if (caller.role() != Role.SERVICE) {
        throw new ApiException(ErrorCode.FORBIDDEN,
            "only the booking backend (role service) may write bookings");
      }
      String id = Validation.id("booking id", request.pathParam("id"));
      BookingRequest body = JsonBodies.read(request, BookingRequest.class);
      BookingUpdate update = toUpdate(id, body);
      return sessions.upsertBooking(update)
          .thenApply(write -> ApiResponse.ok(BookingBody.of(write)));
    });
  }

  private static BookingUpdate toUpdate(String id, BookingRequest body) {
    require(body.mode() != null, "mode is required: ONLINE or IN_PERSON");
    require(body.status() != null,
        "status is required: PENDING, CONFIRMED, COMPLETED or CANCELLED");
    require(body.startsAt() != null && body.endsAt() != null,
        "startsAt and endsAt are required, as ISO-8601 instants");
    require(body.endsAt().isAfter(body.startsAt()), "endsAt must be after startsAt");
    require(body.studentId() != null && body.tutorId() != null,
        "studentId and tutorId are required");
    // The ids' form and the years are the service's to check: in-process writes meet them too.
    return new BookingUpdate(id, body.studentId(), body.tutorId(), body.mode(), body.status(),
        body.startsAt(), body.endsAt());
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new ApiException(ErrorCode.INVALID_REQUEST, message);
    }
  }
}
