package com.tutorme.video.server.limit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per key (a user id), safe from any thread. Buckets of keys that have gone
 * quiet are dropped once there are many, so memory stays bounded by the number of recently
 * active users.
 */
public final class KeyedRateLimiter {
  private static final int SWEEP_THRESHOLD = 10_000;

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoClock;
  private final ConcurrentHashMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public KeyedRateLimiter(double perSecond, int burst) {
    this(perSecond, burst, System::nanoTime);
  }

  KeyedRateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoClock = nanoClock;
  }

  /** Returns 0 when the key may proceed, else how many nanoseconds until it may. */
  public long tryAcquire(String key) {
    long now = nanoClock.getAsLong();
    if (buckets.size() > SWEEP_THRESHOLD) {
      buckets.values().removeIf(bucket -> {
        synchronized (bucket) {
          return bucket.isFull(now);
        }
      });
    }
    TokenBucket bucket = buckets.computeIfAbsent(key, k -> new TokenBucket(perSecond, burst, now));
    synchronized (bucket) {
      return bucket.tryTake(now);
    }
  }
}
