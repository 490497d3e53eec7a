package com.tutorme.video.server.dev;

import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.auth.Role;
import com.tutorme.video.server.auth.TokenMinter;
import com.tutorme.video.server.session.SessionService;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingUpdate;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The demo lesson of development mode: a fresh online, confirmed booking per start (so an
 * ended demo never blocks the next run), long-lived tokens for its two users, and a
 * booking-backend token for trying the intake endpoint, and a user who is not in the lesson.
 */
public record DemoLesson(String bookingId, Principal student, String studentToken,
    Principal tutor, String tutorToken, String serviceToken, Principal stranger,
    String strangerToken) {

  static final Duration TOKEN_TTL = Duration.ofHours(12);

  /** Writes the demo booking (its session is created with it) and mints the two tokens. */
  public static DemoLesson seed(SessionService sessions, TokenMinter minter, Clock clock) {
    byte[] random = new byte[4];
    new SecureRandom().nextBytes(random);
    String bookingId = "demo-" + HexFormat.of().formatHex(random);
    Principal student = new Principal("demo-student", "Sam Student", Role.STUDENT);
    Principal tutor = new Principal("demo-tutor", "Taylor Tutor", Role.TUTOR);
    Instant now = clock.instant().truncatedTo(ChronoUnit.MINUTES);
    sessions.upsertBooking(new BookingUpdate(bookingId, student.userId(), tutor.userId(),
        BookingMode.ONLINE, BookingStatus.CONFIRMED, now, now.plus(Duration.ofHours(1))))
        .join();
    // A booking-backend token too, so the intake endpoint can be tried by hand.
    Principal service = new Principal("demo-booking-backend", "Booking backend", Role.SERVICE);
    // And someone who is not in the lesson, to see what they see.
    Principal stranger = new Principal("demo-stranger", "Sasha Stranger", Role.STUDENT);
    return new DemoLesson(bookingId, student, minter.mint(student, TOKEN_TTL), tutor,
        minter.mint(tutor, TOKEN_TTL), minter.mint(service, TOKEN_TTL), stranger,
        minter.mint(stranger, TOKEN_TTL));
  }

  /**
   * The lesson page for a user. The token travels in the fragment, which browsers never send
   * to the server, so it stays out of access logs and Referer headers.
   */
  public String url(String baseUrl, String token) {
    return baseUrl + "/lessons/" + bookingId + "#token=" + token;
  }
}
