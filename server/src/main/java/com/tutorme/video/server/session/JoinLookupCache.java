package com.tutorme.video.server.session;

import com.tutorme.video.storage.SessionAccess;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
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
  /**
   * Expired entries are swept when the map reaches this size, and then at twice what a sweep
   * leaves: a sweep's cost is spread over as many look-ups that missed, and what is kept stays
   * near what the window needs, not every session joined since the last sweep.
   */
  static final int SWEEP_FLOOR = 1024;

  private record Entry(String token, CompletableFuture<Optional<SessionAccess>> access,
      long loadedAt) {}

  private final Map<String, Entry> byToken = new ConcurrentHashMap<>();
  /** The token of each session kept, to forget it without a scan (intake writes often). */
  private final Map<String, String> tokenBySession = new ConcurrentHashMap<>();
  /** Look-ups not yet answered: few, as they are bounded by the database pool. */
  private final Set<Entry> inFlight = ConcurrentHashMap.newKeySet();
  private final long ttlNanos;
  /** The size at which the next sweep runs; the loop that claims it sweeps, the others go on. */
  private final AtomicInteger sweepAt = new AtomicInteger(SWEEP_FLOOR);
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
    int at = sweepAt.get();
    if (byToken.size() >= at && sweepAt.compareAndSet(at, Integer.MAX_VALUE)) {
      sweep(now);
    }
    if (byToken.size() >= MAX_ENTRIES) {
      return load.apply(token);
    }
    Entry fresh = new Entry(token, new CompletableFuture<>(), now);
    inFlight.add(fresh);
    Entry winner = byToken.merge(token, fresh,
        (old, mine) -> now - old.loadedAt() < ttlNanos ? old : mine);
    if (winner != fresh) {
      inFlight.remove(fresh);
      return winner.access();
    }
    CompletableFuture<Optional<SessionAccess>> loading;
    try {
      loading = load.apply(token);
    } catch (RuntimeException e) {
      loading = CompletableFuture.failedFuture(e); // answered and forgotten, never left pending
    }
    loading.whenComplete((found, failure) -> {
      boolean keep = failure == null && found.isPresent() && found.get().session().isActive();
      String sessionId = keep ? found.get().session().id() : null;
      if (keep) {
        tokenBySession.put(sessionId, token); // before leaving inFlight: no gap to invalidate
      }
      // Not kept when forgotten while in flight (an invalidation) or not worth keeping.
      if (!inFlight.remove(fresh) || !keep) {
        byToken.remove(token, fresh);
        if (keep) {
          tokenBySession.remove(sessionId, token);
        }
      }
      if (failure != null) {
        fresh.access().completeExceptionally(failure);
      } else {
        fresh.access().complete(found);
      }
    });
    return fresh.access();
  }

  private void sweep(long now) {
    byToken.values().removeIf(entry -> now - entry.loadedAt() >= ttlNanos);
    for (String sessionId : tokenBySession.keySet()) {
      // Atomic with a put for the same session, which a look-up completing may make meanwhile.
      tokenBySession.computeIfPresent(sessionId,
          (id, token) -> byToken.containsKey(token) ? token : null);
    }
    sweepAt.set(Math.min(MAX_ENTRIES, Math.max(SWEEP_FLOOR, 2 * byToken.size())));
  }

  /**
   * Forgets what is known of this session: it ended, or its booking changed. Look-ups still in
   * flight are forgotten too, since they may have read the session as it was.
   */
  void invalidateSession(String sessionId) {
    for (Entry loading : inFlight) {
      if (inFlight.remove(loading)) {
        byToken.remove(loading.token(), loading);
      }
    }
    String token = tokenBySession.remove(sessionId);
    if (token != null) {
      byToken.remove(token);
    }
  }

  int size() {
    return byToken.size();
  }
}
