package com.tutorme.video.server.session;

import static org.assertj.core.api.Assertions.assertThat;

import com.tutorme.video.storage.Booking;
import com.tutorme.video.storage.BookingMode;
import com.tutorme.video.storage.BookingStatus;
import com.tutorme.video.storage.SessionAccess;
import com.tutorme.video.storage.SessionStatus;
import com.tutorme.video.storage.VideoSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class JoinLookupCacheTest {
  private static final long TTL = 30_000_000_000L;
  private final AtomicLong now = new AtomicLong(1_000);
  private final JoinLookupCache cache = new JoinLookupCache(TTL, now::get);
  /** The database reads the cache asked for, completed by each test when it likes. */
  private final List<CompletableFuture<Optional<SessionAccess>>> reads = new ArrayList<>();
  private final Function<String, CompletableFuture<Optional<SessionAccess>>> database = token -> {
    CompletableFuture<Optional<SessionAccess>> read = new CompletableFuture<>();
    reads.add(read);
    return read;
  };

  @Test
  void bothPeersJoiningTogetherShareOneReadAndLaterJoinsReuseIt() {
    CompletableFuture<Optional<SessionAccess>> first = cache.get("tok", database);
    CompletableFuture<Optional<SessionAccess>> second = cache.get("tok", database);
    assertThat(reads).hasSize(1);
    reads.get(0).complete(Optional.of(access("s1", SessionStatus.ACTIVE)));
    assertThat(first.join()).isEqualTo(second.join());

    now.addAndGet(TTL - 1);
    assertThat(cache.get("tok", database).join()).isPresent();
    assertThat(reads).hasSize(1);
  }

  @Test
  void expiredEntriesAreSweptAsTheCacheGrowsNotKeptUntilItIsFull() {
    for (int i = 0; i < JoinLookupCache.SWEEP_FLOOR; i++) {
      keep("first" + i);
    }
    now.addAndGet(TTL - 1);
    keep("within"); // a sweep, which finds nothing expired
    assertThat(cache.size()).isEqualTo(JoinLookupCache.SWEEP_FLOOR + 1);

    now.addAndGet(TTL); // every entry so far has expired
    for (int i = 0; i < JoinLookupCache.SWEEP_FLOOR - 1; i++) {
      keep("later" + i);
    }
    assertThat(cache.size()).as("no sweep until twice what the last one left")
        .isEqualTo(2 * JoinLookupCache.SWEEP_FLOOR);
    keep("one-more");
    assertThat(cache.size()).as("the expired swept, the later ones kept")
        .isEqualTo(JoinLookupCache.SWEEP_FLOOR);
    cache.invalidateSession("later0");
    assertThat(cache.size()).as("a kept session is still forgotten when it ends")
        .isEqualTo(JoinLookupCache.SWEEP_FLOOR - 1);
    int readsBefore = reads.size();
    cache.get("first0", database);
    assertThat(reads).as("a swept token is read again").hasSize(readsBefore + 1);
  }

  /** Looks {@code token} up and answers with an active session, which the cache keeps. */
  private void keep(String token) {
    cache.get(token, database);
    reads.get(reads.size() - 1).complete(Optional.of(access(token, SessionStatus.ACTIVE)));
  }

  @Test
  void anEntryOlderThanTheWindowIsReadAgain() {
    cache.get("tok", database);
    reads.get(0).complete(Optional.of(access("s1", SessionStatus.ACTIVE)));
    now.addAndGet(TTL);
    cache.get("tok", database);
    assertThat(reads).hasSize(2);
  }

  @Test
  void missesFailuresAndEndedSessionsAreNotKept() {
    cache.get("unknown", database);
    reads.get(0).complete(Optional.empty());
    cache.get("down", database);
    reads.get(1).completeExceptionally(new IllegalStateException("database down"));
    cache.get("ended", database);
    reads.get(2).complete(Optional.of(access("s2", SessionStatus.ENDED)));

    assertThat(cache.get("down", database)).isNotSameAs(reads.get(1));
    cache.get("unknown", database);
    cache.get("ended", database);
    assertThat(reads).hasSize(6);
  }

  @Test
  void endingASessionOrWritingItsBookingForgetsItAndAnyReadInFlight() {
    cache.get("tok1", database);
    reads.get(0).complete(Optional.of(access("s1", SessionStatus.ACTIVE)));
    cache.get("tok2", database);
    reads.get(1).complete(Optional.of(access("s2", SessionStatus.ACTIVE)));
    cache.get("tok3", database); // still reading when s1 ends

    cache.invalidateSession("s1");
    assertThat(cache.size()).isEqualTo(1);
    reads.get(2).complete(Optional.of(access("s3", SessionStatus.ACTIVE)));
    cache.get("tok1", database);
    cache.get("tok2", database);
    cache.get("tok3", database);
    assertThat(reads).hasSize(5); // tok1 and tok3 read again; tok2 still known
  }

  @Test
  void aLoadThatThrowsIsAnsweredAsAFailureAndForgotten() {
    CompletableFuture<Optional<SessionAccess>> answer = cache.get("tok", token -> {
      throw new IllegalStateException("executor shut down");
    });
    assertThat(answer).isCompletedExceptionally();
    assertThat(cache.size()).isZero();
  }

  private static SessionAccess access(String sessionId, SessionStatus status) {
    Instant at = Instant.parse("2026-11-24T10:00:00Z");
    return new SessionAccess(
        new VideoSession(sessionId, "b-" + sessionId, "tok-" + sessionId, status, at,
            status == SessionStatus.ENDED ? at : null, at, at),
        new Booking("b-" + sessionId, "stu", "tut", BookingMode.ONLINE,
            BookingStatus.CONFIRMED, at, at.plusSeconds(3600), at, at));
  }
}
