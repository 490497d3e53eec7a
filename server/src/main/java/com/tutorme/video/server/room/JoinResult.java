package com.tutorme.video.server.room;

import com.tutorme.video.protocol.ErrorCode;

/** What a join came to: the new peer, or why it was refused. */
public sealed interface JoinResult {
  /** Joined; the acknowledgement has been sent to the new peer. */
  record Joined(Peer peer) implements JoinResult {}

  /** Refused with a protocol error code, such as ROOM_FULL or SESSION_ENDED. */
  record Refused(ErrorCode code, String message) implements JoinResult {}
}
