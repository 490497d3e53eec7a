package com.tutorme.video.server.ws;

/**
 * Signaling limits an operator may tune.
 *
 * @param roomCapacity peers per session (two for a 1:1 lesson)
 * @param pingIntervalMillis quiet time before the server pings; a connection quiet for two
 *     intervals is closed as dead (4003)
 * @param maxConnectionsPerUser signaling sockets one user may hold open
 * @param loopAffinity move a joining connection to its partner's event loop, so relays between
 *     them never cross threads (on unless an operator turns it off)
 * @param closeGraceMillis how long a closing connection may take to answer the close frame
 *     before it is cut off
 * @param messagesPerLoop relayed messages per second one event loop carries before sessions
 *     spread to another ({@link LoopBalancer}); 0 spreads them over every loop at any load.
 *     Balancing needs loop affinity, and is off without it.
 */
public record SignalingSettings(int roomCapacity, int pingIntervalMillis,
    int maxConnectionsPerUser, boolean loopAffinity, int closeGraceMillis,
    int messagesPerLoop) {

  public static final SignalingSettings DEFAULTS =
      new SignalingSettings(2, 15_000, 8, true, 2_000, 10_000);

  public SignalingSettings withLoopAffinity(boolean enabled) {
    return new SignalingSettings(roomCapacity, pingIntervalMillis, maxConnectionsPerUser,
        enabled, closeGraceMillis, messagesPerLoop);
  }

  public SignalingSettings withCloseGraceMillis(int millis) {
    return new SignalingSettings(roomCapacity, pingIntervalMillis, maxConnectionsPerUser,
        loopAffinity, millis, messagesPerLoop);
  }

  public SignalingSettings withMessagesPerLoop(int perSecond) {
    return new SignalingSettings(roomCapacity, pingIntervalMillis, maxConnectionsPerUser,
        loopAffinity, closeGraceMillis, perSecond);
  }

  /** Whether sessions gather on as few loops as their load needs. */
  public boolean balancesLoops() {
    return loopAffinity && messagesPerLoop > 0;
  }

  public SignalingSettings {
    if (roomCapacity < 1 || pingIntervalMillis < 50 || maxConnectionsPerUser < 1
        || closeGraceMillis < 1 || messagesPerLoop < 0) {
      throw new IllegalArgumentException("signaling settings out of range");
    }
  }
}
