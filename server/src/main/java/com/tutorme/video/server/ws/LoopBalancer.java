package com.tutorme.video.server.ws;

import com.tutorme.video.server.room.PeerSink;
import com.tutorme.video.server.room.RoomRegistry;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps sessions on as few event loops as their load needs, and spreads them over more as it
 * grows: one loop per {@code messagesPerLoop} relayed messages a second.
 *
 * <p>Why: a loop wakes up for the input of its sockets. Clients that send in bursts (a browser
 * trickles its ICE candidates a few at once; a load generator sends what is due every
 * millisecond) wake one loop once per burst for every session on it, but two loops each once.
 * On this project's two-core machine that doubled the context switches and cost a fifth more
 * CPU per message at 5,000 msg/s. Under heavy load the second loop is worth its wake-ups: one
 * loop carried about 20 % fewer messages before its latency gave out.
 *
 * <p>How: every second ({@link #tick}) the rate of relayed messages sets how many loops are in
 * use. The count grows when two seconds running needed more (a burst of ICE candidates as
 * many lessons start is not load), and shrinks only after {@value #SHRINK_AFTER_TICKS} quiet
 * seconds, to a count that leaves a third of headroom, so that a rate near a boundary does not
 * make the sessions flap. A session's first peer joins on a loop in use
 * ({@link #loopForNewSession}); its partner follows it there ({@link LoopAffinity}). When the
 * count changes, or sessions end unevenly, live sessions are moved, both peers, from loops out
 * of use and from loops holding more than their share, at most {@value #MAX_MOVES_PER_TICK} a
 * second, so that a loop is never busy with moves for long. A move holds a session's messages
 * for a few turns of the loop and loses none ({@link Outbox}).
 */
public final class LoopBalancer {
  static final int SHRINK_AFTER_TICKS = 5;
  static final int MAX_MOVES_PER_TICK = 250;
  private static final Logger log = LoggerFactory.getLogger(LoopBalancer.class);

  private final List<EventLoop> loops = new ArrayList<>();
  private final Map<EventExecutor, Integer> indexOf = new IdentityHashMap<>();
  private final RoomRegistry rooms;
  private final SignalingStats stats;
  private final int messagesPerLoop;
  private final AtomicInteger dealt = new AtomicInteger();
  private volatile int inUse = 1;
  // The tick's own state: ticks run one at a time, on one thread.
  private long lastRelayed;
  private long lastNanos = System.nanoTime();
  private double lastRate;
  private int quietTicks;

  /**
   * @param group the event loops that serve connections
   * @param messagesPerLoop relayed messages a second one loop takes before the next is used
   */
  public LoopBalancer(Iterable<EventExecutor> group, RoomRegistry rooms, SignalingStats stats,
      int messagesPerLoop) {
    if (messagesPerLoop < 1) {
      throw new IllegalArgumentException("messagesPerLoop must be at least 1");
    }
    for (EventExecutor executor : group) {
      indexOf.put(executor, loops.size());
      loops.add((EventLoop) executor);
    }
    this.rooms = rooms;
    this.stats = stats;
    this.messagesPerLoop = messagesPerLoop;
    this.lastRelayed = stats.messagesRelayed();
  }

  /** How many loops carry sessions now: the first this many of the group. */
  public int loopsInUse() {
    return inUse;
  }

  /**
   * Where a session's first peer should go, accepted on {@code current}: null to stay (its loop
   * is in use), else the next loop in use, dealt in turn.
   */
  EventLoop loopForNewSession(EventLoop current) {
    int count = inUse;
    Integer index = indexOf.get(current);
    if (index != null && index < count) {
      return null;
    }
    return loops.get(Math.floorMod(dealt.getAndIncrement(), count));
  }

  /** Weighs the last second's load and moves sessions to match; once a second. */
  public void tick() {
    long now = System.nanoTime();
    long relayed = stats.messagesRelayed();
    double rate = (relayed - lastRelayed) * 1e9 / Math.max(1, now - lastNanos);
    lastRelayed = relayed;
    lastNanos = now;
    adjust(rate, Math.min(rate, lastRate));
    lastRate = rate;
    rebalance();
  }

  /** @param sustained the rate of the last two seconds, whichever was lower */
  private void adjust(double rate, double sustained) {
    int current = inUse;
    int needed = loopsFor(sustained);
    int roomy = loopsFor(rate * 1.5); // each loop in use at most two-thirds loaded
    if (needed > current) {
      use(needed, rate);
      quietTicks = 0;
    } else if (roomy < current) {
      if (++quietTicks >= SHRINK_AFTER_TICKS) {
        use(roomy, rate);
        quietTicks = 0;
      }
    } else {
      quietTicks = 0;
    }
  }

  private int loopsFor(double rate) {
    return (int) Math.max(1, Math.min(loops.size(), Math.ceil(rate / messagesPerLoop)));
  }

  private void use(int count, double rate) {
    log.info("{} relayed messages a second: sessions {} to {} of {} event loops",
        Math.round(rate), count > inUse ? "spread" : "gathered", count, loops.size());
    inUse = count;
  }

  /** Moves sessions onto the loops in use, evenly by count; a split session onto one. */
  private void rebalance() {
    int count = inUse;
    List<List<List<ChannelPeerSink>>> byLoop = new ArrayList<>();
    for (int i = 0; i < loops.size(); i++) {
      byLoop.add(new ArrayList<>());
    }
    List<List<ChannelPeerSink>> split = new ArrayList<>();
    rooms.forEachRoom(sinks -> {
      List<ChannelPeerSink> peers = channelSinks(sinks);
      if (peers.isEmpty()) {
        return;
      }
      Integer loop = indexOf.get(peers.get(0).channel().eventLoop());
      for (ChannelPeerSink peer : peers) {
        if (!Objects.equals(indexOf.get(peer.channel().eventLoop()), loop)) {
          split.add(peers);
          return;
        }
      }
      if (loop != null) {
        byLoop.get(loop).add(peers);
      }
    });
    int[] sessions = new int[count];
    int total = split.size();
    for (int i = 0; i < loops.size(); i++) {
      total += byLoop.get(i).size();
      if (i < count) {
        sessions[i] = byLoop.get(i).size();
      }
    }
    int share = (total + count - 1) / count;
    int tolerated = share + share / 8; // a small imbalance costs less than the moves
    int budget = MAX_MOVES_PER_TICK;
    for (int s = 0; s < split.size() && budget > 0; s++) {
      budget -= move(split.get(s), sessions);
    }
    for (int i = 0; i < loops.size() && budget > 0; i++) {
      List<List<ChannelPeerSink>> here = byLoop.get(i);
      int keep = i < count ? (here.size() > tolerated ? share : here.size()) : 0;
      for (int s = keep; s < here.size() && budget > 0; s++) {
        if (i < count) {
          sessions[i]--;
        }
        budget -= move(here.get(s), sessions);
      }
    }
  }

  /** Moves a session's peers to the loop in use with the fewest sessions; 1 (a move made). */
  private int move(List<ChannelPeerSink> session, int[] sessions) {
    int target = 0;
    for (int i = 1; i < sessions.length; i++) {
      if (sessions[i] < sessions[target]) {
        target = i;
      }
    }
    sessions[target]++;
    for (ChannelPeerSink peer : session) {
      peer.moveTo(loops.get(target));
    }
    return 1;
  }

  private static List<ChannelPeerSink> channelSinks(List<PeerSink> sinks) {
    List<ChannelPeerSink> peers = new ArrayList<>(sinks.size());
    for (PeerSink sink : sinks) {
      if (sink instanceof ChannelPeerSink peer) {
        peers.add(peer);
      }
    }
    return peers;
  }
}
