package com.tutorme.video.server.loadtest;

import com.tutorme.video.server.auth.Role;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
   * first connect to both peers seeing each other, in microseconds. Fails with the first pair
   * that fails, starting no other and closing every peer started: against a server that
   * accepts and then stalls, waiting for every pair in turn took a handshake timeout (10 s)
   * per {@code concurrency} pairs, minutes for a storm.
   */
  static List<WsPeer[]> join(Bootstrap base, URI server, List<Tickets> lessons,
      int concurrency, Recorder readyMicros) throws Exception {
    return join(base, server, lessons, concurrency, readyMicros,
        Duration.ofSeconds(PAIR_TIMEOUT_SECONDS));
  }

  static List<WsPeer[]> join(Bootstrap base, URI server, List<Tickets> lessons,
      int concurrency, Recorder readyMicros, Duration pairTimeout) throws Exception {
    Semaphore inFlight = new Semaphore(concurrency);
    CompletableFuture<Void> firstFailure = new CompletableFuture<>();
    List<WsPeer> started = new ArrayList<>(lessons.size() * 2);
    List<CompletableFuture<WsPeer[]>> pending = new ArrayList<>(lessons.size());
    try {
      for (Tickets lesson : lessons) {
        inFlight.acquire(); // a failed pair gives its permit back after it fails the join
        if (firstFailure.isDone()) {
          break;
        }
        int pairNumber = pending.size() + 1;
        long startedAt = System.nanoTime();
        WsPeer student = WsPeer.connect(base, server, lesson.studentToken());
        started.add(student);
        WsPeer tutor = WsPeer.connect(base, server, lesson.tutorToken());
        started.add(tutor);
        CompletableFuture<WsPeer[]> pair = both(joined(student, lesson.sessionToken()),
                joined(tutor, lesson.sessionToken()))
            .thenCompose(peers -> CompletableFuture.allOf(peers[0].partnerSeen,
                peers[1].partnerSeen).thenApply(ready -> peers))
            .orTimeout(pairTimeout.toMillis(), TimeUnit.MILLISECONDS) // or its permit stays
            .whenComplete((peers, failure) -> {
              try {
                if (failure == null) {
                  readyMicros.recordValue((System.nanoTime() - startedAt) / 1000);
                } else {
                  firstFailure.completeExceptionally(explained(failure, pairNumber,
                      lessons.size(), pairTimeout));
                }
              } finally {
                inFlight.release();
              }
            });
        pending.add(pair);
      }
      CompletableFuture.anyOf(firstFailure,
          CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))).get();
    } catch (Exception failed) {
      started.forEach(WsPeer::close); // joined, joining or still connecting: none is left
      throw failed instanceof InterruptedException || !firstFailure.isCompletedExceptionally()
          ? failed : unwrapped(firstFailure);
    }
    List<WsPeer[]> pairs = new ArrayList<>(lessons.size());
    pending.forEach(pair -> pairs.add(pair.join()));
    return pairs;
  }

  /**
   * Both peers, or the first to fail as soon as it does: {@code thenCombine} alone waits for
   * both, so a peer refused at once waited for its partner's upgrade or join to end, up to
   * the pair's timeout, which was then what the run reported.
   */
  private static CompletableFuture<WsPeer[]> both(CompletableFuture<WsPeer> student,
      CompletableFuture<WsPeer> tutor) {
    CompletableFuture<WsPeer[]> both = student.thenCombine(tutor, (a, b) -> new WsPeer[] {a, b});
    for (CompletableFuture<WsPeer> peer : List.of(student, tutor)) {
      peer.whenComplete((joined, failure) -> {
        if (failure != null) {
          both.completeExceptionally(failure);
        }
      });
    }
    return both;
  }

  /** A pair's timeout says which pair and what it covers; other failures say themselves. */
  private static Throwable explained(Throwable failure, int pairNumber, int pairs,
      Duration timeout) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    if (cause instanceof TimeoutException) {
      return new TimeoutException("pair " + pairNumber + " of " + pairs
          + " was not connected, joined and paired within " + timeout.toSeconds() + " s");
    }
    return cause;
  }

  private static Exception unwrapped(CompletableFuture<Void> failed) {
    Throwable cause = failed.handle((ignored, failure) -> failure).join(); // as it was given
    if (cause instanceof Error error) {
      throw error;
    }
    return cause instanceof Exception exception ? exception : new ExecutionException(cause);
  }

  private static CompletableFuture<WsPeer> joined(WsPeer connecting, String sessionToken) {
    return connecting.opened.thenCompose(peer -> {
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
