package com.tutorme.video.server.ws;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts open signaling connections per user, so one user cannot hold unbounded sockets. */
final class UserConnections {
  private final int maxPerUser;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();
  private final AtomicInteger total = new AtomicInteger();

  UserConnections(int maxPerUser) {
    this.maxPerUser = maxPerUser;
  }

  /** Takes a slot for the user; false when they already hold the maximum. */
  boolean tryOpen(String userId) {
    boolean[] taken = {false};
    open.compute(userId, (user, count) -> {
      int current = count == null ? 0 : count;
      if (current >= maxPerUser) {
        return current;
      }
      taken[0] = true;
      return current + 1;
    });
    if (taken[0]) {
      total.incrementAndGet();
    }
    return taken[0];
  }

  void closed(String userId) {
    boolean[] released = {false};
    open.computeIfPresent(userId, (user, count) -> {
      released[0] = true;
      return count <= 1 ? null : count - 1;
    });
    if (released[0]) {
      total.decrementAndGet();
    }
  }

  /** Slots taken, all users together: the signaling connections open or opening. */
  int total() {
    return total.get();
  }
}
