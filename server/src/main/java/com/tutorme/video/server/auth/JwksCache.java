package com.tutorme.video.server.auth;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The identity provider's JWK set, fetched on a background thread and refreshed every few
 * minutes, so that verifying a token never waits on the network. A token signed with a key id
 * the cache does not know asks for an early refresh (at most one per half minute) and fails
 * this once; key rotation publishes new keys before using them, so this is rare.
 */
final class JwksCache implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JwksCache.class);
  private static final Duration REFRESH_EVERY = Duration.ofMinutes(5);
  private static final Duration MIN_EARLY_REFRESH = Duration.ofSeconds(30);
  /**
   * Until a first fetch succeeds no token can be checked (the node answers 503): retried
   * after 1 s, then twice as long each time, up to this, rather than in five minutes.
   */
  private static final Duration MAX_FIRST_FETCH_RETRY = Duration.ofSeconds(30);

  private final Duration maxFirstFetchRetry;
  private static final int MAX_BODY_CHARS = 256 * 1024;

  private final URI url;
  private final HttpClient http = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NORMAL).build();
  private final AtomicReference<List<JWK>> keys = new AtomicReference<>(List.of());
  private final AtomicLong lastEarlyRefresh = new AtomicLong();
  // Both on the scheduler's thread only.
  private long nextFirstFetchRetryMillis;
  /** One retry at a time: each failed periodic refresh started another chain of them. */
  private boolean retryPending;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
      runnable -> {
        Thread thread = new Thread(runnable, "tutorme-jwks");
        thread.setDaemon(true);
        return thread;
      });

  JwksCache(URI url) {
    this(url, REFRESH_EVERY, MAX_FIRST_FETCH_RETRY);
  }

  /** With shorter times, for tests. */
  JwksCache(URI url, Duration refreshEvery, Duration maxFirstFetchRetry) {
    this.url = url;
    this.maxFirstFetchRetry = maxFirstFetchRetry;
    this.nextFirstFetchRetryMillis = Math.min(1_000, maxFirstFetchRetry.toMillis());
    scheduler.scheduleWithFixedDelay(this::refresh, 0, refreshEvery.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  List<JWK> keys() {
    return keys.get();
  }

  /** Whether a first fetch has succeeded. */
  boolean isLoaded() {
    return !keys.get().isEmpty();
  }

  /** Asks for a refresh soon, because a token named a key id we do not have. */
  void requestEarlyRefresh() {
    long now = System.nanoTime();
    long last = lastEarlyRefresh.get();
    if (now - last > MIN_EARLY_REFRESH.toNanos() && lastEarlyRefresh.compareAndSet(last, now)) {
      scheduler.execute(this::refresh);
    }
  }

  private void refresh() {
    if (!fetch() && !isLoaded() && !retryPending) {
      retryPending = true;
      scheduler.schedule(this::retryFirstFetch, nextFirstFetchRetryMillis,
          TimeUnit.MILLISECONDS);
      nextFirstFetchRetryMillis =
          Math.min(nextFirstFetchRetryMillis * 2, maxFirstFetchRetry.toMillis());
    }
  }

  private void retryFirstFetch() {
    retryPending = false;
    refresh();
  }

  /** One fetch; whether it brought keys. A failed one keeps the keys there were. */
  private boolean fetch() {
    try {
      HttpResponse<String> response = http.send(HttpRequest.newBuilder(url)
          .timeout(Duration.ofSeconds(10)).header("Accept", "application/json").build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        log.warn("JWKS fetch from {} answered {}", url, response.statusCode());
        return false;
      }
      if (response.body().length() > MAX_BODY_CHARS) {
        log.warn("JWKS from {} is larger than {} characters; ignored", url, MAX_BODY_CHARS);
        return false;
      }
      List<JWK> fetched = JWKSet.parse(response.body()).getKeys().stream()
          .filter(jwk -> !jwk.isPrivate()).toList();
      if (fetched.isEmpty()) {
        log.warn("JWKS from {} holds no public key", url);
        return false;
      }
      keys.set(fetched);
      log.debug("JWKS refreshed from {}: {} keys", url, fetched.size());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      log.warn("JWKS fetch from {} failed: {}", url, e.toString());
    }
    return false;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
