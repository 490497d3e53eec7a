package com.tutorme.video.server.loadtest;

import com.tutorme.video.server.auth.Role;
import io.netty.bootstrap.Bootstrap;
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
import org.HdrHistogram.Recorder;

/** Lessons for a run: bookings and tokens made through the API, then pairs joined over /ws. */
final class Lessons {
  /** What two peers need to join one session. */
  record Tickets(String sessionToken, String studentToken, String tutorToken) {}

  /**
   * Lessons booked at once. Three requests each, one lesson after another, took 7–12 s to
   * prepare a storm of 2,000 connections that then lasted 2–3 s (and the join-storm's lead-in
   * prepares several); eight at a time, about 4 s (2026-12-01).
   */
  private static final int PREPARE_CONCURRENCY = 8;

  private Lessons() {}

  /**
   * Creates {@code count} confirmed online bookings with fresh users; not timed. The bare
   * relay has no API and checks nothing: it only needs a session token per pair.
   */
  static List<Tickets> prepare(Options options, int count) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<Tickets> tickets = new ArrayList<>(count);
    if (options.bare()) {
      for (int i = 0; i < count; i++) {
        tickets.add(new Tickets("bare-" + run + "-" + i, "none", "none"));
      }
      return tickets;
    }
    Fixtures fixtures = new Fixtures(options);
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
          .whenComplete((peers, failure) -> {
            if (failure == null) {
              readyMicros.recordValue((System.nanoTime() - started) / 1000);
            }
            inFlight.release();
          });
      pending.add(pair);
    }
    List<WsPeer[]> pairs = new ArrayList<>(lessons.size());
    for (CompletableFuture<WsPeer[]> pair : pending) {
      pairs.add(pair.get(60, TimeUnit.SECONDS));
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

  static void closeAll(List<WsPeer[]> pairs) {
    for (WsPeer[] pair : pairs) {
      pair[0].close();
      pair[1].close();
    }
  }
}
