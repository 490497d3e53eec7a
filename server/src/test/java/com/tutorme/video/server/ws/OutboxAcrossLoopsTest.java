package com.tutorme.video.server.ws;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox on real event loops, where {@link OutboxTest}'s embedded channel cannot go: work
 * handed over from another thread while the connection is moved back and forth runs on the
 * loop the connection is on at the time, in the order handed over, none lost; and work for a
 * connection whose loop has shut down is refused, not dropped.
 */
class OutboxAcrossLoopsTest {
  private static final int MOVES = 300;
  /** Bounds the work handed over, and so the backlog should a move stick (about 150 MB). */
  private static final int MAX_WORK = 2_000_000;

  private final EventLoopGroup loops =
      new MultiThreadIoEventLoopGroup(2, LocalIoHandler.newFactory());

  @AfterEach
  void stop() {
    loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void workFromAnotherThreadRunsInOrderOnTheLoopTheConnectionIsOnWhileItMoves()
      throws Exception {
    EventLoop first = loops.next();
    EventLoop second = loops.next();
    Channel channel = registeredOn(first);
    Outbox outbox = Outbox.attach(channel);
    LivenessTimer liveness = new LivenessTimer(channel, SignalingSettings.DEFAULTS,
        new Closer(new SignalingStats(), 1_000));
    Order order = new Order();
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger handedOver = new AtomicInteger();
    AtomicInteger duringMoves = new AtomicInteger();
    Thread sender = new Thread(() -> {
      for (int n = 0; n < MAX_WORK && !stop.get(); n++) {
        int number = n;
        if (outbox.isMoving()) {
          duringMoves.incrementAndGet();
        }
        outbox.run(() -> order.ran(number, channel), () -> { });
        handedOver.incrementAndGet();
      }
    }, "sender");
    sender.setDaemon(true);
    sender.start();
    try {
      for (int move = 0; move < MOVES; move++) {
        EventLoop target = channel.eventLoop() == first ? second : first;
        CompletableFuture<Void> landed = new CompletableFuture<>();
        Runnable arrived = () -> {
          // Work handed over on the loop itself, as a relay from the partner is, goes behind
          // what waited during the move.
          int before = handedOver.get();
          outbox.run(() -> order.ranAfter(before), () -> { });
          landed.complete(null);
        };
        boolean started = channel.eventLoop().submit(() -> LoopAffinity.move(channel, outbox,
            liveness, target, arrived,
            () -> landed.completeExceptionally(new AssertionError("the move failed"))))
            .get(5, TimeUnit.SECONDS);
        assertThat(started).as("move %d started", move).isTrue();
        landed.get(5, TimeUnit.SECONDS);
        assertThat(channel.eventLoop()).isSameAs(target);
      }
    } finally {
      stop.set(true); // a failed move must not leave it queueing work into the next tests
      sender.join(10_000);
    }
    assertThat(sender.isAlive()).as("the sender still running").isFalse();
    CompletableFuture<Order> all = new CompletableFuture<>();
    outbox.run(() -> all.complete(order), () -> all.complete(null));

    Order settled = all.get(10, TimeUnit.SECONDS);
    assertThat(settled.next).as("work run").isEqualTo(handedOver.get());
    assertThat(settled.outOfOrder).as("work run out of order").isZero();
    assertThat(settled.offLoop).as("work run off the connection's loop or between loops").isZero();
    assertThat(settled.overtaking).as("work from the loop run ahead of waiting work").isZero();
    assertThat(duringMoves.get()).as("work handed over during a move").isPositive();
    assertThat(channel.isOpen()).isTrue();
  }

  /** What the work saw; touched only by the work, which the outbox runs one at a time. */
  private static final class Order {
    int next;
    int outOfOrder;
    int offLoop;
    int overtaking;

    void ran(int number, Channel channel) {
      if (number != next) {
        outOfOrder++;
      }
      next = number + 1;
      if (!channel.eventLoop().inEventLoop() || !channel.isRegistered()) {
        offLoop++; // or between loops, where nothing may be written
      }
    }

    /** Work handed over when the first {@code handedOver} numbers had been. */
    void ranAfter(int handedOver) {
      if (next < handedOver) {
        overtaking++;
      }
    }
  }

  @Test
  void workForAConnectionWhoseLoopHasShutDownIsRefused() throws Exception {
    EventLoopGroup alone = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    Channel channel = registeredOn(alone.next());
    Outbox outbox = Outbox.attach(channel);
    alone.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();

    CompletableFuture<String> outcome = new CompletableFuture<>();
    outbox.run(() -> outcome.complete("ran"), () -> outcome.complete("refused"));

    assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo("refused");
  }

  @Test
  void aMoveToALoopThatHasShutDownIsNotStarted() throws Exception {
    EventLoopGroup closing = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
    EventLoop target = closing.next();
    closing.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    EventLoop home = loops.next();
    Channel channel = registeredOn(home);
    Outbox outbox = Outbox.attach(channel);
    LivenessTimer liveness = new LivenessTimer(channel, SignalingSettings.DEFAULTS,
        new Closer(new SignalingStats(), 1_000));

    boolean started = home.submit(() -> LoopAffinity.move(channel, outbox, liveness, target,
        () -> { }, () -> { })).get(5, TimeUnit.SECONDS);

    assertThat(started).isFalse();
    assertThat(outbox.isMoving()).isFalse();
    assertThat(channel.eventLoop()).isSameAs(home);
    CompletableFuture<String> outcome = new CompletableFuture<>();
    outbox.run(() -> outcome.complete("ran"), () -> outcome.complete("refused"));
    assertThat(outcome.get(5, TimeUnit.SECONDS)).isEqualTo("ran");
  }

  private static Channel registeredOn(EventLoop loop) {
    Channel channel = new LocalChannel();
    loop.register(channel).syncUninterruptibly();
    return channel;
  }
}
