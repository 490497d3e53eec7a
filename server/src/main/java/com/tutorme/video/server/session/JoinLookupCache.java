package com.tutorme.video.server.session;

import com.tutorme.video.storage.SessionAccess;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * Remembers, for a short while, what a session token admits to, so that the two peers of a
 * lesson joining together (or a classroom reconnecting) cost one database read, not one each.
 * Look-ups in flight are shared too. Only an active session found is kept; a miss or a failure
 * is forgotten at once, so a new session or a database that comes back is seen on the next
 * join.
 *
 * <p>An entry goes when its session ends or its booking is written, so a join after either
 * reads the database again. A look-up that was already in flight when that happened may still
 * answer with what it read; the rooms refuse joins to ended sessions on their own, as they do
 * for a join whose uncached read raced the end.
 */
final class JoinLookupCache {
  /** Entries beyond this are not kept (a node holds far fewer live sessions). */
  static final int MAX_ENTRIES = 50_000;

  private record Entry(CompletableFuture<Optional<SessionAccess>> access, long loadedAt) {}

  private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final LongSupplier nanoClock;

  JoinLookupCache(long ttlNanos, LongSupplier nanoClock) {
    if (ttlNanos < 0) {
      throw new IllegalArgumentException("ttl must not be negative");
    }
    this.ttlNanos = ttlNanos;
    this.nanoClock = nanoClock;
  }

  /** The remembered answer for this token, or a new {@code load} shared by callers. */
  CompletableFuture<Optional<SessionAccess>> get(String token,
      Function<String, CompletableFuture<Optional<SessionAccess>>> load) {
    long now = nanoClock.getAsLong();
    Entry cached = byToken.get(token);
    if (cached != null && now - cached.loadedAt() < ttlNanos) {
      return cached.access();
    }
    if (byToken.size() >= MAX_ENTRIES) {
      byToken.values().removeIf(entry -> now - entry.loadedAt() >= ttlNanos);
      if (byToken.size() >= MAX_ENTRIES) {
        return load.apply(token);
      }
    }
    Entry fresh = new Entry(new CompletableFuture<>(), now);
    Entry winner = byToken.merge(token, fresh,
        (old, mine) -> now - old.loadedAt() < ttlNanos ? old : mine);
    if (winner != fresh) {
      return winner.access();
    }
    load.apply(token).whenComplete((found, failure) -> {
      boolean keep = failure == null && found.isPresent() && found.get().session().isActive();
      if (!keep) {
        byToken.remove(token, fresh);
      }
      if (failure != null) {
        fresh.access().completeExceptionally(failure);
      } else {
        fresh.access().complete(found);
      }
    });
    return fresh.access();
  }

  /**
   * Forgets what is known of this session: it ended, or its booking changed. Look-ups still in
   * flight are forgotten too, since they may have read the session as it was. A scan, as
   * sessions end a few times a second at most.
   */
  void invalidateSession(String sessionId) {
    byToken.values().removeIf(entry -> !entry.access().isDone()
        || entry.access().getNow(Optional.empty())
            .map(access -> access.session().id().equals(sessionId)).orElse(false));
  }

  int size() {
    return byToken.size();
  }
}
