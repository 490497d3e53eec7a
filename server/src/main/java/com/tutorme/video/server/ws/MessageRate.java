package com.tutorme.video.server.ws;

import com.tutorme.video.protocol.Limits;
import com.tutorme.video.server.limit.TokenBucket;

/**
 * One connection's message rate, as protocol.md states it: {@value Limits#MESSAGES_PER_SECOND}
 * a second in bursts of {@value Limits#MESSAGE_BURST}; beyond that RATE_LIMITED once, and
 * after as many more dropped, the connection closed. Dropped messages count from the warning
 * until the client is quiet long enough to refill its burst, not just until one passes: at a
 * steady twice the rate, every other message does. On the connection's loop only.
 */
final class MessageRate {
  /** What to do with a message. */
  enum Verdict {
    /** Within the rate: act on it. */
    PASS,
    /** The first over it: drop it and tell the client, once. */
    WARN,
    /** Over it: drop it. */
    DROP,
    /** Still flooding after the warning: close the connection. */
    CLOSE
  }

  private final TokenBucket bucket;
  private int droppedSinceWarning;

  MessageRate(long nowNanos) {
    this.bucket = new TokenBucket(Limits.MESSAGES_PER_SECOND, Limits.MESSAGE_BURST, nowNanos);
  }

  Verdict next(long nowNanos) {
    if (droppedSinceWarning > 0 && bucket.isFull(nowNanos)) {
      droppedSinceWarning = 0; // quiet long enough to refill the burst: forgiven
    }
    if (bucket.tryTake(nowNanos) == 0) {
      return Verdict.PASS;
    }
    droppedSinceWarning++;
    if (droppedSinceWarning == 1) {
      return Verdict.WARN;
    }
    return droppedSinceWarning > Limits.MESSAGE_BURST ? Verdict.CLOSE : Verdict.DROP;
  }
}
