package com.tutorme.video.server.loadtest;

import com.tutorme.video.server.auth.Role;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.HdrHistogram.Recorder;

/** Lessons for a run: bookings and tokens made through the API, then pairs joined over /ws. */
final class Lessons {
  /** What two peers need to join one session. */
  record Tickets(String sessionToken, String studentToken, String tutorToken) {}

  /**
   * Lessons booked at once. Three requests each, one lesson after another, took 7–12 s to
   * prepare a storm of 2,000 connections that then joined in under 3 s (under 1 s once warm;
   * and the join-storm's lead-in prepares several); eight at a time, about 4 s (2026-12-01).
   */
  private static final int PREPARE_CONCURRENCY = 8;
  /** How long a pair may take to connect, join and see each other. */
  private static final int PAIR_TIMEOUT_SECONDS = 60;

  private Lessons() {}

  /**
   * Tickets for {@code count} lessons: for the bare relay, which has no API and checks
   * nothing, a session token per pair; else bookings made through the API, as below.
   */
  static List<Tickets> prepare(Options options, int count) throws Exception {
    if (!options.bare()) {
      return prepare(new Fixtures(options), count);
    }
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Tickets> tickets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      tickets.add(new Tickets("bare-" + run + "-" + i, "none", "none"));
    }
    return tickets;
  }

  /** Creates {@code count} confirmed online bookings with fresh users; not timed. */
  static List<Tickets> prepare(Fixtures fixtures, int count) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Tickets> tickets = new ArrayList<>(count);
    ExecutorService workers = Executors.newFixedThreadPool(PREPARE_CONCURRENCY);
    try {
      List<Future<Tickets>> pending = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        String student = "lt-" + run + "-s" + i;
        String tutor = "lt-" + run + "-t" + i;
        String booking = "lt-" + run + "-" + i;
        pending.add(workers.submit(() -> new Tickets(fixtures.lesson(booking, student, tutor),
            fixtures.token(student, Role.STUDENT), fixtures.token(tutor, Role.TUTOR))));
      }
      for (Future<Tickets> lesson : pending) {
        tickets.add(lesson.get()); // each request is bounded in time by the fixtures
      }
      return tickets;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      workers.shutdownNow();
    }
  }

  /**
   * Connects and joins both peers of every lesson, at most {@code concurrency} pairs at a
   * time, and waits until each peer knows its partner. Records, per pair, the time from the
   * first connect to both peers seeing each other, in microseconds.
   */
  static List<WsPeer[]> join(Bootstrap base, URI server, List<Tickets> lessons,
      int concurrency, Recorder readyMicros) throws Exception {
    Semaphore inFlight = new Semaphore(concurrency);
    List<CompletableFuture<WsPeer[]>> pending = new ArrayList<>(lessons.size());
    for (Tickets lesson : lessons) {
      inFlight.acquire();
      long started = System.nanoTime();
      CompletableFuture<WsPeer[]> pair = joinOne(base, server, lesson.studentToken(),
          lesson.sessionToken())
          .thenCombine(joinOne(base, server, lesson.tutorToken(), lesson.sessionToken()),
              (a, b) -> new WsPeer[] {a, b})
          .thenCompose(peers -> CompletableFuture.allOf(peers[0].partnerSeen,
              peers[1].partnerSeen).thenApply(ready -> peers))
          .orTimeout(PAIR_TIMEOUT_SECONDS, TimeUnit.SECONDS) // or its permit is never released
          .whenComplete((peers, failure) -> {
            if (failure == null) {
              readyMicros.recordValue((System.nanoTime() - started) / 1000);
            }
            inFlight.release();
          });
      pending.add(pair);
    }
    List<WsPeer[]> pairs = new ArrayList<>(lessons.size());
    for (int i = 0; i < pending.size(); i++) {
      try {
        pairs.add(pending.get(i).get());
      } catch (ExecutionException e) {
        if (e.getCause() instanceof TimeoutException) {
          throw new TimeoutException("pair " + (i + 1) + " of " + pending.size()
              + " was not connected, joined and paired within " + PAIR_TIMEOUT_SECONDS + " s");
        }
        throw e;
      }
    }
    return pairs;
  }

  private static CompletableFuture<WsPeer> joinOne(Bootstrap base, URI server, String token,
      String sessionToken) {
    return WsPeer.connect(base, server, token).thenCompose(peer -> {
      peer.send("{\"type\":\"join-session\",\"sessionToken\":\"" + sessionToken + "\"}");
      return peer.joined.thenApply(ack -> peer);
    });
  }

  /**
   * Closes every peer and waits, up to 5 s, until this side has closed their sockets, so that
   * what comes next does not share the loops with the closing.
   */
  static void closeAll(List<WsPeer[]> pairs) {
    List<ChannelFuture> closing = new ArrayList<>(pairs.size() * 2);
    for (WsPeer[] pair : pairs) {
      for (WsPeer peer : pair) {
        peer.close().ifPresent(closing::add);
      }
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ChannelFuture closed : closing) {
      closed.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()),
          TimeUnit.NANOSECONDS);
    }
  }
}
