package com.tutorme.video.server.session;

import com.tutorme.video.protocol.ErrorCode;
import com.tutorme.video.server.BlockingExecutor;
import com.tutorme.video.server.auth.Principal;
import com.tutorme.video.server.http.ApiException;
import com.tutorme.video.server.limit.KeyedRateLimiter;
import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.BookingStore;
import com.tutorme.video.storage.BookingUpdate;
import com.tutorme.video.storage.BookingWrite;
import com.tutorme.video.storage.SessionAccess;
import com.tutorme.video.storage.SessionStore.EndResult;
import com.tutorme.video.storage.SessionStore;
import com.tutorme.video.storage.VideoSession;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of video sessions: only the booking's student or tutor (or an admin or service
 * caller) may create, read or end its session, and only online bookings that are confirmed or
 * completed have one. Every method returns at once; the database work runs on the blocking
 * executor and failures arrive as {@link ApiException} (or DatabaseUnavailableException).
 */
public final class SessionService {
  /** How long a join's look-up of a session token is reused (see {@link JoinLookupCache}). */
  public static final Duration JOIN_LOOKUP_TTL = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(SessionService.class);

  private final BookingStore bookings;
  private final SessionStore sessions;
  private final BlockingExecutor blocking;
  private final KeyedRateLimiter createLimiter;
  private final List<SessionEndListener> endListeners = new CopyOnWriteArrayList<>();
  private final List<BookingChangeListener> changeListeners = new CopyOnWriteArrayList<>();
  private final Object[] bookingWriteLocks = newLocks(64);
  private final JoinLookupCache joinLookups =
      new JoinLookupCache(JOIN_LOOKUP_TTL.toNanos(), System::nanoTime);

  public SessionService(BookingStore bookings, SessionStore sessions, BlockingExecutor blocking,
      KeyedRateLimiter createLimiter) {
    this.bookings = bookings;
    this.sessions = sessions;
    this.blocking = blocking;
    this.createLimiter = createLimiter;
  }

  /**
   * Adds a listener told of each session's end, after the live rooms' own (which the server
   * adds first), on the thread that committed it: a listener must return quickly. One that
   * throws is logged and the others are told all the same.
   */
  public void addSessionEndListener(SessionEndListener listener) {
    endListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Adds a listener told of booking writes that leave a session live; as above. */
  public void addBookingChangeListener(BookingChangeListener listener) {
    changeListeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Returns the booking's session, creating it if the booking may have one. Idempotent, also
   * under concurrent calls. Rate limited per user, except for admin and service callers.
   */
  public CompletableFuture<VideoSession> createOrGet(Principal caller, String bookingId) {
    if (!caller.isPrivileged()) {
      long waitNanos = createLimiter.tryAcquire(caller.userId());
      if (waitNanos > 0) {
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(waitNanos + 999_999_999L));
        return CompletableFuture.failedFuture(new ApiException(ErrorCode.RATE_LIMITED,
            "too many sessions requested; retry in " + seconds + " s",
            Map.of("Retry-After", Long.toString(seconds))));
      }
    }
    return blocking.submit(() -> existingOrEligible(caller, bookingId)
        .orElseGet(() -> sessions.createOrGet(bookingId)));
  }

  /** The booking's existing session (active or ended); 404 when it has none. */
  public CompletableFuture<VideoSession> findForBooking(Principal caller, String bookingId) {
    return blocking.submit(() -> existingOrEligible(caller, bookingId).orElseThrow(
        () -> new ApiException(ErrorCode.SESSION_NOT_FOUND,
            "the booking has no video session yet; create it with POST /api/video/session")));
  }

  /**
   * The booking's session if it has one (active or ended), else empty once the booking is
   * known to allow one; throws for an unknown booking, a stranger, or an ineligible booking.
   */
  private Optional<VideoSession> existingOrEligible(Principal caller, String bookingId) {
    Booking booking = authorizedBooking(caller, bookingId);
    Optional<VideoSession> existing = sessions.findByBookingId(bookingId);
    if (existing.isEmpty()) {
      requireEligible(booking);
    }
    return existing;
  }

  /**
   * Ends the session; ending an ended session returns it unchanged. The first end tells the
   * live room, whose peers get {@code session-ended}.
   */
  public CompletableFuture<VideoSession> end(Principal caller, String sessionId) {
    return blocking.submit(() -> {
      VideoSession session = sessions.findById(sessionId).orElseThrow(
          () -> new ApiException(ErrorCode.SESSION_NOT_FOUND));
      authorizedBooking(caller, session.bookingId());
      EndResult result = sessions.end(sessionId).orElseThrow(
          () -> new ApiException(ErrorCode.SESSION_NOT_FOUND));
      joinLookups.invalidateSession(sessionId);
      if (result.endedNow()) {
        tellEnded(result.session(), SessionEndListener.Reason.ENDED);
      }
      return result.session();
    });
  }

  /**
   * Records what the booking backend says a booking is, keeping its session in step in the same
   * transaction; a cancellation ends the live session, and a change of student or tutor is told
   * to the live room. The caller must have checked that the request comes from the booking
   * backend.
   */
  public CompletableFuture<BookingWrite> upsertBooking(BookingUpdate update) {
    try {
      BookingRules.check(update);
    } catch (ApiException e) {
      return CompletableFuture.failedFuture(e);
    }
    return blocking.submit(() -> {
      synchronized (writeLockFor(update.id())) {
        BookingWrite write = bookings.upsert(update);
        write.session().ifPresent(session -> joinLookups.invalidateSession(session.id()));
        if (write.change() == BookingWrite.SessionChange.ENDED) {
          tellEnded(write.session().orElseThrow(), SessionEndListener.Reason.BOOKING_CANCELLED);
        } else {
          write.session().ifPresent(session -> {
            for (BookingChangeListener listener : changeListeners) {
              tell(() -> listener.bookingChanged(session, write.booking()));
            }
          });
        }
        return write;
      }
    });
  }

  /**
   * The session a token admits to, with its booking: everything a join needs, in one query,
   * off the event loop, and reused for both peers of a lesson within {@link #JOIN_LOOKUP_TTL}.
   */
  public CompletableFuture<Optional<SessionAccess>> findAccessByToken(String sessionToken) {
    return joinLookups.get(sessionToken,
        token -> blocking.submit(() -> sessions.findAccessByToken(token)));
  }

  private void tellEnded(VideoSession session, SessionEndListener.Reason reason) {
    for (SessionEndListener listener : endListeners) {
      tell(() -> listener.sessionEnded(session, reason));
    }
  }

  /** The write is committed: a listener's failure is its own, not the caller's. */
  private static void tell(Runnable notification) {
    try {
      notification.run();
    } catch (RuntimeException e) {
      log.warn("a session listener failed", e);
    }
  }

  /**
   * Writes of one booking, with what the listeners are told of them, go one at a time: two at
   * once could be told in the other order than they committed, and the live room act on the
   * older booking. Striped, so that the locks stay few; on blocking threads only.
   */
  private Object writeLockFor(String bookingId) {
    return bookingWriteLocks[Math.floorMod(bookingId.hashCode(), bookingWriteLocks.length)];
  }

  private Booking authorizedBooking(Principal caller, String bookingId) {
    Booking booking = bookings.find(bookingId).orElseThrow(
        () -> new ApiException(ErrorCode.BOOKING_NOT_FOUND));
    if (!caller.isPrivileged() && !booking.isParticipant(caller.userId())) {
      throw new ApiException(ErrorCode.FORBIDDEN,
          "only the booking's student or tutor may use its video session");
    }
    return booking;
  }

  private static Object[] newLocks(int count) {
    Object[] locks = new Object[count];
    Arrays.setAll(locks, i -> new Object());
    return locks;
  }

  private static void requireEligible(Booking booking) {
    if (booking.mode() != BookingMode.ONLINE) {
      throw new ApiException(ErrorCode.BOOKING_NOT_ONLINE,
          "the booking is an in-person lesson; only online lessons have a video session");
    }
    if (booking.status() == BookingStatus.CANCELLED) {
      throw new ApiException(ErrorCode.BOOKING_NOT_CONFIRMED,
          "the booking is cancelled; it has no video session");
    }
    if (!booking.allowsVideoSession()) {
      throw new ApiException(ErrorCode.BOOKING_NOT_CONFIRMED,
          "the booking is " + booking.status().name().toLowerCase(java.util.Locale.ROOT)
              + "; a video session opens once it is confirmed");
    }
  }
}
