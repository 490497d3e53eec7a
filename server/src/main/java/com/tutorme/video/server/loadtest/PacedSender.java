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

  /** Sends for {@code seconds} at {@code rate} messages per second; returns how many were sent. */
  static long send(List<WsPeer[]> pairs, int rate, int seconds, RelayMessage message)
      throws Exception {
    Map<EventLoop, List<WsPeer>> byLoop = new LinkedHashMap<>();
    for (WsPeer[] pair : pairs) {
      for (WsPeer peer : pair) {
        byLoop.computeIfAbsent(peer.eventLoop(), loop -> new ArrayList<>()).add(peer);
      }
    }
    int senders = pairs.size() * 2;
    long start = System.nanoTime() + TICK_NANOS;
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    List<CompletableFuture<Long>> done = new ArrayList<>();
    for (Map.Entry<EventLoop, List<WsPeer>> loop : byLoop.entrySet()) {
      double share = (double) rate * loop.getValue().size() / senders;
      done.add(new LoopSender(loop.getKey(), loop.getValue(), share, start, end, message)
          .start());
    }
    long sent = 0;
    for (CompletableFuture<Long> loop : done) {
      sent += loop.get(seconds + 30L, TimeUnit.SECONDS);
    }
    return sent;
  }

  /** One event loop's part: its peers, its share of the rate. */
  private static final class LoopSender implements Runnable {
    private final EventLoop loop;
    private final List<WsPeer> peers;
    private final double perNano;
    private final long start;
    private final long end;
    private final RelayMessage message;
    private final CompletableFuture<Long> finished = new CompletableFuture<>();
    private ScheduledFuture<?> ticks;
    private long sent;

    LoopSender(EventLoop loop, List<WsPeer> peers, double perSecond, long start, long end,
        RelayMessage message) {
      this.loop = loop;
      this.peers = peers;
      this.perNano = perSecond / 1e9;
      this.start = start;
      this.end = end;
      this.message = message;
    }

    CompletableFuture<Long> start() {
      ticks = loop.scheduleAtFixedRate(this, Math.max(0, start - System.nanoTime()), TICK_NANOS,
          TimeUnit.NANOSECONDS);
      return finished;
    }

    @Override
    public void run() {
      long now = System.nanoTime();
      long due = (long) ((Math.min(now, end) - start) * perNano);
      while (sent < due) {
        WsPeer peer = peers.get((int) (sent % peers.size()));
        if (peer.isOpen()) {
          peer.send(message.encode(peer.alloc(), System.nanoTime()));
        }
        sent++;
      }
      if (now >= end) {
        ticks.cancel(false);
        finished.complete(sent);
      }
    }
  }
}
