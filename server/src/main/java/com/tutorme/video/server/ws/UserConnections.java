package com.tutorme.video.server.ws;

import java.util.concurrent.ConcurrentHashMap;

/** Counts open signaling connections per user, so one user cannot hold unbounded sockets. */
final class UserConnections {
  private final int maxPerUser;
  private final ConcurrentHashMap<String, Integer> open = new ConcurrentHashMap<>();

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
    return taken[0];
  }

  void closed(String userId) {
    open.computeIfPresent(userId, (user, count) -> count <= 1 ? null : count - 1);
  }
}
