package com.tutorme.video.server.loadtest;

import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends relay messages at an aggregate rate for a while, from the generator's own event loops:
 * every 1 ms each loop sends what is due for the peers that live on it. A send is then a write
 * on the thread that owns the connection; handed over from a pacing thread instead, each
 * message would cost the generator a task and a wake-up, and its latency the queueing.
 *
 * <p>Every peer sends in turn, so both peers of a pair send and receive, and each loop carries
 * the share of the rate that its peers make up.
 */
final class PacedSender {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private PacedSender() {}

  /**
   * What a window sent: messages written, and those due on connections already closed, which
   * could not be.
   */
  record Sent(long sent, long notSent) {}

  /** Sends {@code rate} x {@code seconds} messages, evenly over that time. */
  static Sent send(List<WsPeer[]> pairs, int rate, int seconds, RelayMessage message)
      throws Exception {
    Map<EventLoop, List<WsPeer>> byLoop = new LinkedHashMap<>();
    for (WsPeer[] pair : pairs) {
      for (WsPeer peer : pair) {
        byLoop.computeIfAbsent(peer.eventLoop(), loop -> new ArrayList<>()).add(peer);
      }
    }
    long senders = pairs.size() * 2L;
    long total = (long) rate * seconds;
    long start = System.nanoTime() + TICK_NANOS;
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<CompletableFuture<Sent>> done = new ArrayList<>();
    long peersBefore = 0;
    for (Map.Entry<EventLoop, List<WsPeer>> loop : byLoop.entrySet()) {
      // Each loop's count in whole messages, as its peers' share of the total; the shares
      // add up to the total, where rounding each loop's rate down sent none at 7 msg/s.
      long peersTo = peersBefore + loop.getValue().size();
      long count = total * peersTo / senders - total * peersBefore / senders;
      peersBefore = peersTo;
      done.add(new LoopSender(loop.getKey(), loop.getValue(), count, start, end, message)
          .start());
    }
    long sent = 0;
    long notSent = 0;
    for (CompletableFuture<Sent> loop : done) {
      Sent part = loop.get(seconds + 30L, TimeUnit.SECONDS);
      sent += part.sent();
      notSent += part.notSent();
    }
    return new Sent(sent, notSent);
  }

  /** One event loop's part: its peers, its share of the messages. */
  private static final class LoopSender implements Runnable {
    private final EventLoop loop;
    private final List<WsPeer> peers;
    private final long count;
    private final long start;
    private final long end;
    private final RelayMessage message;
    private final CompletableFuture<Sent> finished = new CompletableFuture<>();
    private ScheduledFuture<?> ticks;
    private long due;
    private long sent;

    LoopSender(EventLoop loop, List<WsPeer> peers, long count, long start, long end,
        RelayMessage message) {
      this.loop = loop;
      this.peers = peers;
      this.count = count;
      this.start = start;
      this.end = end;
      this.message = message;
    }

    CompletableFuture<Sent> start() {
      ticks = loop.scheduleAtFixedRate(this, Math.max(0, start - System.nanoTime()), TICK_NANOS,
          TimeUnit.NANOSECONDS);
      return finished;
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      long dueNow = now >= end ? count
          : (long) (count * (double) Math.max(0, now - start) / (end - start));
      while (due < dueNow) {
        WsPeer peer = peers.get((int) (due % peers.size()));
        if (peer.isOpen()) {
          peer.send(message.encode(peer.alloc(), System.nanoTime()));
          sent++;
        }
        due++;
      }
      if (now >= end) {
        ticks.cancel(false);
        finished.complete(new Sent(sent, due - sent));
      }
    }
  }
}
