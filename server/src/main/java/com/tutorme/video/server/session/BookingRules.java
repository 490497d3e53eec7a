package com.tutorme.video.server.session;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.http.ApiException;
import com.tutorme.video.server.http.Validation;
import com.tutorme.video.storage.BookingUpdate;
import java.time.Instant;

/**
 * What a booking written to us must be, whether it came over HTTP or from an embedding backend
 * in-process: ids a token can name, and times the databases store as given.
 */
final class BookingRules {
  private static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
  private static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

  private BookingRules() {}

  /** Throws {@link ApiException} INVALID_REQUEST, naming the field, for a booking we refuse. */
  static void check(BookingUpdate update) {
    Validation.id("booking id", update.id());
    Validation.userId("studentId", update.studentId());
    Validation.userId("tutorId", update.tutorId());
    if (!inBookableYears(update.startsAt()) || !inBookableYears(update.endsAt())) {
      throw new ApiException(ErrorCode.INVALID_REQUEST,
          "startsAt and endsAt must be between 1970 and 9999");
    }
  }

  /**
   * Years a lesson can be booked in. Far beyond them H2 and PostgreSQL fail (a 500) or
   * PostgreSQL keeps -infinity; the bounds themselves are a choice, well inside what both store.
   */
  private static boolean inBookableYears(Instant instant) {
    return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
  }
}
